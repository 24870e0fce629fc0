// @orderstream/client: a typed client of orderstream.v1.OrderService on @grpc/grpc-js.
export { OrderStreamClient, TERMINAL, step } from './client';
export type { ClientOptions, WatchOptions } from './client';
export { OrderStreamError } from './errors';
export type { FieldViolation } from './errors';
export { PROTO_DIR } from './contract';

// The contract's messages, as calls return them (__Output: every field set) and as they take them.
export type { ListOrdersRequest } from './generated/orderstream/v1/ListOrdersRequest';
export type { ListOrdersResponse__Output as ListOrdersResponse } from './generated/orderstream/v1/ListOrdersResponse';
export type { Order__Output as Order } from './generated/orderstream/v1/Order';
export type { OrderEvent__Output as OrderEvent } from './generated/orderstream/v1/OrderEvent';
export type { OrderStatus__Output as OrderStatus } from './generated/orderstream/v1/OrderStatus';
export type { Quote__Output as Quote } from './generated/orderstream/v1/Quote';
export type { SubmitOrderRequest } from './generated/orderstream/v1/SubmitOrderRequest';
export type { SubmitOrderResponse__Output as SubmitOrderResponse } from './generated/orderstream/v1/SubmitOrderResponse';
export type { OrderServiceClient } from './generated/orderstream/v1/OrderService';
