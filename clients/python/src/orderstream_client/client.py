"""OrderStreamClient: the calls of orderstream.v1.OrderService, with the token on every call,
a deadline on unary calls, and a watch that resumes a broken stream from the last seq seen."""
import time

import grpc

from orderstream_client._proto.orderstream.v1 import orders_pb2 as pb
from orderstream_client._proto.orderstream.v1 import orders_pb2_grpc as pb_grpc
from orderstream_client.errors import OrderStreamError

TERMINAL = frozenset((pb.ORDER_STATUS_CONFIRMED, pb.ORDER_STATUS_FAILED, pb.ORDER_STATUS_CANCELLED))
# A stream that broke after it was established: the gateway went away, or cut a slow watcher off.
RESUMABLE = frozenset((grpc.StatusCode.UNAVAILABLE, grpc.StatusCode.RESOURCE_EXHAUSTED,
                       grpc.StatusCode.INTERNAL, grpc.StatusCode.UNKNOWN))


def step(status):
    """ORDER_STATUS_ROUTING -> 'routing'"""
    return pb.OrderStatus.Name(status).replace("ORDER_STATUS_", "").lower()


class OrderStreamClient:
    """One channel to a gateway's gRPC port (for grpcio, the Netty one: default 9090).

    token: a JWT or an API key for a gateway in jwt mode, sent as 'authorization: Bearer <token>'.
    Every method raises OrderStreamError when the call fails.
    """

    def __init__(self, target="localhost:9090", token=None, timeout=15.0, channel=None):
        self.target = target
        self._channel = channel or grpc.insecure_channel(target)
        self._stub = pb_grpc.OrderServiceStub(self._channel)
        self._metadata = (("authorization", "Bearer " + token),) if token else ()
        self._timeout = timeout

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def close(self):
        self._channel.close()

    def submit(self, token_in, token_out, amount, slippage="", client_order_id=""):
        """Submits a market order; returns the SubmitOrderResponse (order_id, order, created)."""
        return self._unary(self._stub.SubmitOrder, pb.SubmitOrderRequest(
            token_in=token_in, token_out=token_out, amount=str(amount), slippage=str(slippage),
            client_order_id=client_order_id))

    def get(self, order_id):
        return self._unary(self._stub.GetOrder, pb.GetOrderRequest(order_id=order_id))

    def list(self, page_size=0, page_token="", status=pb.ORDER_STATUS_UNSPECIFIED):
        return self._unary(self._stub.ListOrders, pb.ListOrdersRequest(
            page_size=page_size, page_token=page_token, status=status))

    def cancel(self, order_id):
        return self._unary(self._stub.CancelOrder, pb.CancelOrderRequest(order_id=order_id))

    def watch(self, order_id, after_seq=0, max_resumes=5, on_resume=None):
        """Yields the order's events after after_seq, in order, each once, ending after the terminal one.

        A stream that breaks after it was established is opened again with after_seq = the last
        seq yielded, after a backoff (the server's RetryInfo delay when it gives one), at most
        max_resumes times in a row without a new event; on_resume(error, last_seq, delay) is
        called before each. Yields nothing when the order had ended by after_seq.
        """
        last_seq = after_seq
        resumes = 0
        while True:
            try:
                request = pb.WatchOrderRequest(order_id=order_id, after_seq=last_seq)
                for event in self._stub.WatchOrder(request, metadata=self._metadata):
                    if event.seq <= last_seq:
                        continue  # already yielded before a resume
                    last_seq = event.seq
                    resumes = 0
                    yield event
                    if event.status in TERMINAL:
                        return
            except grpc.RpcError as e:
                error = OrderStreamError.from_rpc_error(e)
                if last_seq == after_seq or error.code not in RESUMABLE or resumes >= max_resumes:
                    raise error from None
                resumes += 1
                delay = max(error.retry_delay or 0.0, 0.25 * 2 ** (resumes - 1))
                if on_resume:
                    on_resume(error, last_seq, delay)
                time.sleep(delay)
                continue
            # The stream ended before a terminal event: fine if the order had ended by after_seq.
            order = self.get(order_id)
            if order.status not in TERMINAL:
                raise OrderStreamError.stream_ended(order_id)
            if order.last_seq <= last_seq:
                return

    def _unary(self, method, request):
        try:
            return method(request, timeout=self._timeout, metadata=self._metadata)
        except grpc.RpcError as e:
            raise OrderStreamError.from_rpc_error(e) from None
