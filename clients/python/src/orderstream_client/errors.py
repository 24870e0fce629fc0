"""A failed call as the gateway explains it: the gRPC status code and message, and the details
of its google.rpc.Status (the grpc-status-details-bin trailer): BadRequest's field violations for
bad input, RetryInfo's delay when the same call may be made again later."""
from collections import namedtuple

import grpc

try:  # googleapis-common-protos, when installed
    from google.rpc import error_details_pb2, status_pb2
except ImportError:  # the copies compiled into this package (Debian has no googleapis-common-protos)
    from orderstream_client._proto.google.rpc import error_details_pb2, status_pb2

STATUS_DETAILS_KEY = "grpc-status-details-bin"

FieldViolation = namedtuple("FieldViolation", ["field", "description"])
"""One invalid field of a request, named as in orders.proto (e.g. token_out)."""


class OrderStreamError(Exception):
    """A call the gateway refused or could not be made.

    Attributes: code (grpc.StatusCode), message (str), field_violations (list of FieldViolation),
    retry_delay (seconds the server asks to wait before the same call, or None).
    """

    def __init__(self, code, message, field_violations=(), retry_delay=None):
        super().__init__("{}: {}".format(code.name, message))
        self.code = code
        self.message = message
        self.field_violations = list(field_violations)
        self.retry_delay = retry_delay

    @classmethod
    def from_rpc_error(cls, error):
        """Decodes a grpc.RpcError raised by a call, details and all."""
        violations, retry_delay = [], None
        for key, value in error.trailing_metadata() or ():
            if key == STATUS_DETAILS_KEY:
                violations, retry_delay = _details(value)
        return cls(error.code(), error.details() or "", violations, retry_delay)

    @classmethod
    def stream_ended(cls, order_id):
        return cls(grpc.StatusCode.UNKNOWN,
                   "the server ended the stream of order {} before its terminal event".format(order_id))


def _details(status_bytes):
    status = status_pb2.Status.FromString(status_bytes)
    violations, retry_delay = [], None
    for detail in status.details:
        if detail.Is(error_details_pb2.BadRequest.DESCRIPTOR):
            bad_request = error_details_pb2.BadRequest()
            detail.Unpack(bad_request)
            violations.extend(FieldViolation(v.field, v.description) for v in bad_request.field_violations)
        elif detail.Is(error_details_pb2.RetryInfo.DESCRIPTOR):
            retry = error_details_pb2.RetryInfo()
            detail.Unpack(retry)
            retry_delay = retry.retry_delay.seconds + retry.retry_delay.nanos / 1e9
    return violations, retry_delay
