#!/usr/bin/env python3
"""Submits a market order to orderstream over gRPC and watches it to the end.

    /usr/bin/python3 watch_order.py --target 127.0.0.1:9090 [--token-in SOL] [--token-out USDC]
                                    [--amount 10] [--slippage 0.5] [--order-id ID]

Python's grpcio is built on gRPC's C core, which Helidon's gRPC port refuses: use the gateway's
Netty gRPC port (ORDERSTREAM_GRPC_PORT, default 9090), not the HTTP port (8080).

Prints every event as it arrives. Exit status: 0 confirmed, 2 failed, 3 cancelled, 1 error.
"""
import argparse
import sys
import time

import orderstream_stubs

RESUMABLE = ("UNAVAILABLE", "RESOURCE_EXHAUSTED", "INTERNAL", "UNKNOWN")
EXIT_BY_STATUS = {"CONFIRMED": 0, "FAILED": 2, "CANCELLED": 3}


def parse_args():
    parser = argparse.ArgumentParser(description="Submit an order and watch it over gRPC.")
    parser.add_argument("--target", default="localhost:9090",
                        help="host:port of the Netty gRPC port (default localhost:9090)")
    parser.add_argument("--token-in", default="SOL")
    parser.add_argument("--token-out", default="USDC")
    parser.add_argument("--amount", default="10", help="decimal string, e.g. 10 or 0.25")
    parser.add_argument("--slippage", default="0.5", help="percent, e.g. 0.5")
    parser.add_argument("--order-id", help="watch this existing order instead of submitting one")
    parser.add_argument("--proto-dir", default=orderstream_stubs.DEFAULT_PROTO_DIR,
                        help="directory holding orderstream/v1/orders.proto")
    return parser.parse_args()


def step(pb2, status):
    """ORDER_STATUS_ROUTING -> routing"""
    return pb2.OrderStatus.Name(status).replace("ORDER_STATUS_", "").lower()


def show(pb2, event):
    print("seq={:<3} {:<10} {:>3}%  {}".format(event.seq, step(pb2, event.status), event.progress, event.message))
    for quote in event.quotes:
        chosen = quote.dex == event.chosen_dex
        print("          {} {:<9} out {:<18} price {:<16} fee {} bps{}".format(
            "*" if chosen else " ", quote.dex, quote.amount_out, quote.price, quote.fee_bps,
            "  <- chosen" if chosen else ""))
    if event.status == pb2.ORDER_STATUS_CONFIRMED:
        print("          dex {} amount out {} tx {}".format(event.chosen_dex, event.amount_out, event.tx_signature))
    if event.failure_reason:
        print("          reason: {}".format(event.failure_reason))
    sys.stdout.flush()


def hint(code):
    if code == "UNAVAILABLE":
        return (" (is the server running, and is this its Netty gRPC port? grpcio cannot use Helidon's "
                "port; use ORDERSTREAM_GRPC_PORT, default 9090)")
    return ""


def watch(grpc, pb2, stub, order_id, after_seq=0, max_resumes=5):
    """Streams events until the terminal one, resuming from the last seq if the stream breaks."""
    last_seq = after_seq
    resumes = 0
    while True:
        try:
            for event in stub.WatchOrder(pb2.WatchOrderRequest(order_id=order_id, after_seq=last_seq)):
                if event.seq <= last_seq:
                    continue  # already shown before a resume
                last_seq = event.seq
                resumes = 0
                show(pb2, event)
                terminal = pb2.OrderStatus.Name(event.status).replace("ORDER_STATUS_", "")
                if terminal in EXIT_BY_STATUS:
                    return EXIT_BY_STATUS[terminal]
            print("error: the stream ended before the order's terminal event", file=sys.stderr)
            return 1
        except grpc.RpcError as e:
            code = e.code().name
            if last_seq == after_seq or code not in RESUMABLE or resumes >= max_resumes:
                print("error: WatchOrder: {}: {}{}".format(code, e.details(), hint(code)), file=sys.stderr)
                return 1
            resumes += 1
            backoff = 0.25 * 2 ** (resumes - 1)
            print("stream interrupted ({}); resuming after seq {} in {:.2f}s".format(code, last_seq, backoff),
                  file=sys.stderr)
            time.sleep(backoff)


def main():
    args = parse_args()
    pb2, pb2_grpc = orderstream_stubs.load(args.proto_dir)
    import grpc

    with grpc.insecure_channel(args.target) as channel:
        stub = pb2_grpc.OrderServiceStub(channel)
        order_id = args.order_id
        if order_id is None:
            try:
                response = stub.SubmitOrder(pb2.SubmitOrderRequest(
                    token_in=args.token_in, token_out=args.token_out,
                    amount=args.amount, slippage=args.slippage), timeout=15)
            except grpc.RpcError as e:
                code = e.code().name
                print("error: SubmitOrder: {}: {}{}".format(code, e.details(), hint(code)), file=sys.stderr)
                return 1
            order_id = response.order_id
            print("submitted order {} ({} {} -> {})".format(order_id, args.amount, args.token_in, args.token_out))
        print("watching order {} on {}".format(order_id, args.target))
        sys.stdout.flush()
        status = watch(grpc, pb2, stub, order_id)
        print("order {} ended: {}".format(order_id, {0: "confirmed", 2: "failed", 3: "cancelled"}.get(status, "error")))
        return status


if __name__ == "__main__":
    sys.exit(main())
