"""orderstream-watch: submits a market order over gRPC and watches it to the end.

    orderstream-watch --target 127.0.0.1:9090 [--token-in SOL] [--token-out USDC] [--amount 10]
                      [--slippage 0.5] [--order-id ID] [--token T]

(or python3 -m orderstream_client.watch_order ...). A gateway in jwt mode wants a token (a JWT
or an API key): --token, or the ORDERSTREAM_TOKEN environment variable.

grpcio is built on gRPC's C core, which Helidon's gRPC port refuses: use the gateway's Netty gRPC
port (ORDERSTREAM_GRPC_PORT, default 9090), not the HTTP port (8080).

Prints every event as it arrives; a refused order prints its field violations. Exit status:
0 confirmed, 2 failed, 3 cancelled, 1 error.
"""
import argparse
import os
import sys

from orderstream_client import OrderStreamClient, OrderStreamError, pb, step

TOKEN_VARIABLE = "ORDERSTREAM_TOKEN"
EXIT_BY_STATUS = {pb.ORDER_STATUS_CONFIRMED: 0, pb.ORDER_STATUS_FAILED: 2, pb.ORDER_STATUS_CANCELLED: 3}
HINTS = {
    "UNAVAILABLE": (" (is the server running, and is this its Netty gRPC port? grpcio cannot use Helidon's "
                    "port; use ORDERSTREAM_GRPC_PORT, default 9090)"),
    "UNAUTHENTICATED": " (give a token with --token or the {} environment variable)".format(TOKEN_VARIABLE),
    "PERMISSION_DENIED": " (the token lacks the scope named; ask for one that has it)",
}


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="orderstream-watch", description="Submit an order and watch it over gRPC.")
    parser.add_argument("--target", default="localhost:9090",
                        help="host:port of the Netty gRPC port (default localhost:9090)")
    parser.add_argument("--token-in", default="SOL")
    parser.add_argument("--token-out", default="USDC")
    parser.add_argument("--amount", default="10", help="decimal string, e.g. 10 or 0.25")
    parser.add_argument("--slippage", default="0.5", help="percent, e.g. 0.5")
    parser.add_argument("--order-id", help="watch this existing order instead of submitting one")
    parser.add_argument("--token", default=os.environ.get(TOKEN_VARIABLE),
                        help="access token (JWT or API key) for a gateway in jwt mode; default: ${}".format(
                            TOKEN_VARIABLE))
    return parser.parse_args(argv)


def show(event):
    print("seq={:<3} {:<10} {:>3}%  {}".format(event.seq, step(event.status), event.progress, event.message))
    for quote in event.quotes:
        chosen = quote.dex == event.chosen_dex
        print("          {} {:<9} out {:<18} price {:<16} fee {} bps{}".format(
            "*" if chosen else " ", quote.dex, quote.amount_out, quote.price, quote.fee_bps,
            "  <- chosen" if chosen else ""))
    if event.status == pb.ORDER_STATUS_CONFIRMED:
        print("          dex {} amount out {} tx {}".format(event.chosen_dex, event.amount_out, event.tx_signature))
    if event.failure_reason:
        print("          reason: {}".format(event.failure_reason))
    sys.stdout.flush()


def report(call, error):
    """A refused call, with what the server said about each field and when to try again."""
    print("error: {}: {}: {}{}".format(call, error.code.name, error.message, HINTS.get(error.code.name, "")),
          file=sys.stderr)
    for violation in error.field_violations:
        print("  {}: {}".format(violation.field, violation.description), file=sys.stderr)
    if error.retry_delay is not None:
        print("  retry in {:g}s".format(error.retry_delay), file=sys.stderr)


def resumed(error, last_seq, delay):
    print("stream interrupted ({}); resuming after seq {} in {:.2f}s".format(error.code.name, last_seq, delay),
          file=sys.stderr)


def main(argv=None):
    args = parse_args(argv)
    with OrderStreamClient(args.target, token=args.token) as client:
        order_id = args.order_id
        if order_id is None:
            try:
                response = client.submit(args.token_in, args.token_out, args.amount, args.slippage)
            except OrderStreamError as e:
                report("SubmitOrder", e)
                return 1
            order_id = response.order_id
            print("submitted order {} ({} {} -> {})".format(order_id, args.amount, args.token_in, args.token_out))
        print("watching order {} on {}".format(order_id, args.target))
        sys.stdout.flush()
        try:
            status = None
            for event in client.watch(order_id, on_resume=resumed):
                show(event)
                status = event.status
            if status is None:  # it had ended before: nothing new to show
                status = client.get(order_id).status
        except OrderStreamError as e:
            report("WatchOrder", e)
            return 1
        print("order {} ended: {}".format(order_id, step(status)))
        return EXIT_BY_STATUS[status]


if __name__ == "__main__":
    sys.exit(main())
