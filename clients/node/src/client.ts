// OrderStreamClient: the calls of orderstream.v1.OrderService as promises and an async iterable,
// with the token on every call, a deadline on unary calls, errors decoded, and a watch that
// resumes a broken stream from the last seq it yielded.
import { setTimeout as sleep } from 'node:timers/promises';
import * as grpc from '@grpc/grpc-js';

import { orderServiceClient } from './contract';
import { OrderStreamError } from './errors';
import type { ListOrdersRequest } from './generated/orderstream/v1/ListOrdersRequest';
import type { ListOrdersResponse__Output } from './generated/orderstream/v1/ListOrdersResponse';
import type { Order__Output } from './generated/orderstream/v1/Order';
import type { OrderEvent__Output } from './generated/orderstream/v1/OrderEvent';
import type { OrderServiceClient } from './generated/orderstream/v1/OrderService';
import type { OrderStatus__Output } from './generated/orderstream/v1/OrderStatus';
import type { SubmitOrderRequest } from './generated/orderstream/v1/SubmitOrderRequest';
import type { SubmitOrderResponse__Output } from './generated/orderstream/v1/SubmitOrderResponse';

/** The statuses after which an order has no more events. */
export const TERMINAL: ReadonlySet<OrderStatus__Output> = new Set<OrderStatus__Output>([
  'ORDER_STATUS_CONFIRMED', 'ORDER_STATUS_FAILED', 'ORDER_STATUS_CANCELLED']);

// A stream that broke after it was established: the gateway went away, or cut a slow watcher off.
const RESUMABLE = new Set([grpc.status.UNAVAILABLE, grpc.status.RESOURCE_EXHAUSTED, grpc.status.INTERNAL,
  grpc.status.UNKNOWN]);

export interface ClientOptions {
  /** A JWT or an API key for a gateway in jwt mode, sent as 'authorization: Bearer <token>'. */
  token?: string;
  /** Default: plaintext. grpc.credentials.createSsl(ca) for a gateway serving TLS. */
  credentials?: grpc.ChannelCredentials;
  /** Deadline of each unary call (default 15 000 ms). */
  deadlineMs?: number;
  channelOptions?: grpc.ChannelOptions;
}

export interface WatchOptions {
  /** Only events after this seq (default 0: all of them). */
  afterSeq?: number;
  /** How many times in a row a broken stream is resumed without a new event (default 5). */
  maxResumes?: number;
  /** Called before each resume, with what broke the stream and when it is opened again. */
  onResume?: (error: OrderStreamError, lastSeq: number, delayMs: number) => void;
}

/** 'ORDER_STATUS_ROUTING' -> 'routing' */
export function step(status: OrderStatus__Output): string {
  return status.replace('ORDER_STATUS_', '').toLowerCase();
}

/**
 * One channel to a gateway's gRPC port: grpc-js works on both, Helidon's (the HTTP port, 8080)
 * and the Netty one (9090). Every method rejects with an {@link OrderStreamError} when its call fails.
 */
export class OrderStreamClient {
  readonly target: string;
  private readonly stub: OrderServiceClient;
  private readonly token: string | undefined;
  private readonly deadlineMs: number;

  constructor(target: string, options: ClientOptions = {}) {
    this.target = target;
    this.stub = orderServiceClient(target, options.credentials ?? grpc.credentials.createInsecure(),
      options.channelOptions);
    this.token = options.token || undefined;
    this.deadlineMs = options.deadlineMs ?? 15_000;
  }

  /** Submits a market order: amounts are decimal strings, slippage a percentage ('0.5'). */
  submit(request: SubmitOrderRequest): Promise<SubmitOrderResponse__Output> {
    return this.unary((metadata, options, done) => this.stub.submitOrder(request, metadata, options, done));
  }

  get(orderId: string): Promise<Order__Output> {
    return this.unary((metadata, options, done) => this.stub.getOrder({ orderId }, metadata, options, done));
  }

  /** One page of orders, newest first: pass the page's nextPageToken as pageToken for the next. */
  list(request: ListOrdersRequest = {}): Promise<ListOrdersResponse__Output> {
    return this.unary((metadata, options, done) => this.stub.listOrders(request, metadata, options, done));
  }

  cancel(orderId: string): Promise<Order__Output> {
    return this.unary((metadata, options, done) => this.stub.cancelOrder({ orderId }, metadata, options, done));
  }

  /**
   * The order's events after afterSeq, in order and each once, ending after the terminal one.
   * A stream that breaks after it was established is opened again from the last seq yielded,
   * after a backoff (the server's RetryInfo delay when it gives one). Yields nothing when the
   * order had ended by afterSeq. Leaving the loop early cancels the call.
   */
  async* watch(orderId: string, options: WatchOptions = {}): AsyncGenerator<OrderEvent__Output, void, undefined> {
    const first = options.afterSeq ?? 0;
    const maxResumes = options.maxResumes ?? 5;
    let lastSeq = first;
    let resumes = 0;
    for (;;) {
      const call = this.stub.watchOrder({ orderId, afterSeq: String(lastSeq) }, this.metadata());
      try {
        for await (const event of call as AsyncIterable<OrderEvent__Output>) {
          const seq = Number(event.seq);
          if (seq <= lastSeq) {
            continue; // yielded before a resume
          }
          lastSeq = seq;
          resumes = 0;
          yield event;
          if (TERMINAL.has(event.status)) {
            return;
          }
        }
      } catch (cause) {
        const error = OrderStreamError.from(cause);
        if (!(error instanceof OrderStreamError) || lastSeq === first || !RESUMABLE.has(error.code)
            || resumes >= maxResumes) {
          throw error;
        }
        resumes += 1;
        const delayMs = Math.max(error.retryDelayMs ?? 0, 250 * 2 ** (resumes - 1));
        options.onResume?.(error, lastSeq, delayMs);
        await sleep(delayMs);
        continue;
      } finally {
        call.cancel();
      }
      // The stream ended before a terminal event: fine if the order had ended by afterSeq.
      const order = await this.get(orderId);
      if (!TERMINAL.has(order.status)) {
        throw OrderStreamError.streamEnded(orderId);
      }
      if (Number(order.lastSeq) <= lastSeq) {
        return;
      }
    }
  }

  close(): void {
    this.stub.close();
  }

  private metadata(): grpc.Metadata {
    const metadata = new grpc.Metadata();
    if (this.token) {
      metadata.set('authorization', `Bearer ${this.token}`);
    }
    return metadata;
  }

  private unary<T>(call: (metadata: grpc.Metadata, options: grpc.CallOptions,
    done: (error: grpc.ServiceError | null, value?: T) => void) => void): Promise<T> {
    return new Promise((resolve, reject) => {
      call(this.metadata(), { deadline: Date.now() + this.deadlineMs },
        (error, value) => (error ? reject(OrderStreamError.from(error)) : resolve(value as T)));
    });
  }
}
