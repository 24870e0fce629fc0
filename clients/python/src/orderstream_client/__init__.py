"""orderstream's Python client: submit market orders and watch them live over gRPC.

    from orderstream_client import OrderStreamClient, OrderStreamError

    with OrderStreamClient("localhost:9090", token=None) as client:
        order = client.submit("SOL", "USDC", "10")
        for event in client.watch(order.order_id):
            print(event.seq, event.progress, event.message)

grpcio is built on gRPC's C core, which the gateway's Helidon port refuses: use its Netty gRPC
port (ORDERSTREAM_GRPC_PORT, default 9090). The messages are the generated ones of
orderstream.v1 (``orderstream_client.pb``); every failed call raises OrderStreamError.
"""
from orderstream_client._proto.orderstream.v1 import orders_pb2 as pb
from orderstream_client.client import TERMINAL, OrderStreamClient, step
from orderstream_client.errors import FieldViolation, OrderStreamError

__all__ = ["FieldViolation", "OrderStreamClient", "OrderStreamError", "TERMINAL", "pb", "step"]
