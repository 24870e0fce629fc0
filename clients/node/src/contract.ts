// The contract as this package loads it: the .proto files copied into the package at build time
// (proto/), read by @grpc/proto-loader with the options the generated types (generated/) were
// made with, so every message a call takes or returns has the type named after it.
import * as path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';

import type { ProtoGrpcType } from './generated/orders';
import type { OrderServiceClient } from './generated/orderstream/v1/OrderService';

/** Where the package keeps orders.proto and the google.rpc error messages. */
export const PROTO_DIR = path.resolve(__dirname, '..', 'proto');

/** Field names in lowerCamelCase, int64 as decimal strings, enums by name, unset fields as defaults. */
export const LOAD_OPTIONS: protoLoader.Options = {
  keepCase: false, longs: String, enums: String, defaults: true, oneofs: true, includeDirs: [PROTO_DIR],
};

type OrderServiceConstructor = ProtoGrpcType['orderstream']['v1']['OrderService'];

let orderService: OrderServiceConstructor | undefined;

/** A stub of orderstream.v1.OrderService on a new channel to target. */
export function orderServiceClient(target: string, credentials: grpc.ChannelCredentials,
  options?: grpc.ChannelOptions): OrderServiceClient {
  if (!orderService) {
    const definition = protoLoader.loadSync('orderstream/v1/orders.proto', LOAD_OPTIONS);
    const loaded = grpc.loadPackageDefinition(definition) as unknown as ProtoGrpcType;
    orderService = loaded.orderstream.v1.OrderService;
  }
  return new orderService(target, credentials, options);
}
