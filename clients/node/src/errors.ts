// A failed call as the gateway explains it: the gRPC status and the google.rpc.Status details it
// sends in the grpc-status-details-bin trailer: BadRequest's field violations for bad input,
// RetryInfo's delay when the same call may be made again later.
import * as path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import * as protobuf from 'protobufjs';

import { PROTO_DIR } from './contract';
import type { BadRequest__Output } from './generated/google/rpc/BadRequest';
import type { RetryInfo__Output } from './generated/google/rpc/RetryInfo';
import type { Status__Output } from './generated/google/rpc/Status';

const STATUS_DETAILS_KEY = 'grpc-status-details-bin';
const TO_OBJECT: protobuf.IConversionOptions = { longs: String, enums: String, defaults: true, arrays: true };

/** One invalid field of a request, named as in orders.proto (e.g. token_out). */
export interface FieldViolation {
  field: string;
  description: string;
}

let rpcTypes: protobuf.Root | undefined;

function decode<T>(typeName: string, bytes: Uint8Array): T {
  // protobufjs brings google/protobuf/any.proto and duration.proto, which these two import.
  rpcTypes ??= protobuf.loadSync([path.join(PROTO_DIR, 'google/rpc/status.proto'),
    path.join(PROTO_DIR, 'google/rpc/error_details.proto')]);
  const type = rpcTypes.lookupType(typeName);
  return type.toObject(type.decode(bytes), TO_OBJECT) as T;
}

/** A call that failed: the gateway refused it, or it could not be made. */
export class OrderStreamError extends Error {
  /** The gRPC status code, e.g. grpc.status.INVALID_ARGUMENT (3). */
  readonly code: grpc.status;
  /** The code's name, e.g. 'INVALID_ARGUMENT'. */
  readonly codeName: string;
  /** The status message the server sent. */
  readonly details: string;
  /** For INVALID_ARGUMENT: which fields are wrong, and why. */
  readonly fieldViolations: FieldViolation[];
  /** When the server says the same call may be made again: after how many milliseconds. */
  readonly retryDelayMs: number | undefined;

  constructor(code: grpc.status, details: string, fieldViolations: FieldViolation[] = [],
    retryDelayMs?: number) {
    const codeName = grpc.status[code] ?? String(code);
    super(`${codeName}: ${details}`);
    this.name = 'OrderStreamError';
    this.code = code;
    this.codeName = codeName;
    this.details = details;
    this.fieldViolations = fieldViolations;
    this.retryDelayMs = retryDelayMs;
  }

  /** The error of a failed call, its status details decoded; any other error as it is. */
  static from(error: unknown): OrderStreamError | Error {
    if (error instanceof OrderStreamError || !isServiceError(error)) {
      return error instanceof Error ? error : new Error(String(error));
    }
    const violations: FieldViolation[] = [];
    let retryDelayMs: number | undefined;
    for (const value of error.metadata?.get(STATUS_DETAILS_KEY) ?? []) {
      const status = decode<Status__Output>('google.rpc.Status', value as Buffer);
      for (const detail of status.details) {
        // type.googleapis.com/google.rpc.BadRequest: the message's full name follows the last '/'
        // (Any keeps its proto field names: type_url).
        const typeName = detail.type_url.slice(detail.type_url.lastIndexOf('/') + 1);
        if (typeName === 'google.rpc.BadRequest') {
          const badRequest = decode<BadRequest__Output>(typeName, detail.value);
          violations.push(...badRequest.fieldViolations.map((v) => ({ field: v.field, description: v.description })));
        } else if (typeName === 'google.rpc.RetryInfo') {
          const delay = decode<RetryInfo__Output>(typeName, detail.value).retryDelay;
          if (delay) {
            retryDelayMs = Number(delay.seconds) * 1000 + Math.round(delay.nanos / 1e6);
          }
        }
      }
    }
    return new OrderStreamError(error.code, error.details, violations, retryDelayMs);
  }

  static streamEnded(orderId: string): OrderStreamError {
    return new OrderStreamError(grpc.status.UNKNOWN,
      `the server ended the stream of order ${orderId} before its terminal event`);
  }
}

function isServiceError(error: unknown): error is grpc.ServiceError {
  return error instanceof Error && typeof (error as grpc.ServiceError).code === 'number'
    && 'metadata' in error;
}
