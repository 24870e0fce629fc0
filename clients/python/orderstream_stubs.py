"""Generates the orderstream gRPC stubs from orders.proto at run time and imports them.

Nothing generated is kept: the stubs go to a temporary directory that is removed once they are
imported, so they always match the proto the server was built from.
"""
import importlib
import os
import shutil
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_PROTO_DIR = os.path.normpath(os.path.join(HERE, "..", "..", "proto", "src", "main", "proto"))
PROTO_FILE = "orderstream/v1/orders.proto"

MISSING = (
    "orderstream: the Python gRPC packages are missing ({}).\n"
    "  Debian/Ubuntu: apt-get install python3-grpcio python3-grpc-tools   (then run /usr/bin/python3)\n"
    "  elsewhere:     pip install grpcio grpcio-tools protobuf"
)


def _well_known_types_dir(grpc_tools):
    """Where google/protobuf/timestamp.proto lives: grpc_tools ships it in _proto/."""
    candidates = [os.path.join(os.path.dirname(grpc_tools.__file__), "_proto"), "/usr/include"]
    for candidate in candidates:
        if os.path.isfile(os.path.join(candidate, "google", "protobuf", "timestamp.proto")):
            return candidate
    raise RuntimeError("google/protobuf/timestamp.proto not found in " + ", ".join(candidates))


def load(proto_dir=DEFAULT_PROTO_DIR):
    """Compiles orders.proto and returns the modules (orders_pb2, orders_pb2_grpc)."""
    try:
        import grpc  # noqa: F401  (imported here to fail early with a clear message)
        import grpc_tools
        from grpc_tools import protoc
    except ImportError as e:
        raise SystemExit(MISSING.format(e)) from e

    if not os.path.isfile(os.path.join(proto_dir, PROTO_FILE)):
        raise SystemExit("orderstream: {} not found under {}; pass --proto-dir".format(PROTO_FILE, proto_dir))

    out = tempfile.mkdtemp(prefix="orderstream-stubs-")
    try:
        status = protoc.main([
            "grpc_tools.protoc",
            "-I" + proto_dir,
            "-I" + _well_known_types_dir(grpc_tools),
            "--python_out=" + out,
            "--grpc_python_out=" + out,
            PROTO_FILE,
        ])
        if status != 0:
            raise SystemExit("orderstream: protoc failed to compile {} (exit {})".format(PROTO_FILE, status))
        sys.path.insert(0, out)
        try:
            pb2 = importlib.import_module("orderstream.v1.orders_pb2")
            pb2_grpc = importlib.import_module("orderstream.v1.orders_pb2_grpc")
        finally:
            sys.path.remove(out)
        return pb2, pb2_grpc
    finally:
        shutil.rmtree(out, ignore_errors=True)
