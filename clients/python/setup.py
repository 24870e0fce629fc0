"""Generates the gRPC stubs into the wheel as it is built, so a wheel always matches the
orders.proto of the checkout it was built from. Everything else is in pyproject.toml.

The .proto files are compiled under orderstream_client/_proto/, so the generated modules import
each other as orderstream_client._proto.* and never clash with another copy of the same files on
the path (google.rpc's, from googleapis-common-protos, is preferred when it is installed).
"""
import os
import shutil
import tempfile

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = os.path.dirname(os.path.abspath(__file__))
PROTO_ROOTS = {
    "orderstream/v1/orders.proto": os.path.join(HERE, "..", "..", "proto", "src", "main", "proto"),
    "google/rpc/status.proto": os.path.join(HERE, "..", "third_party"),
    "google/rpc/error_details.proto": os.path.join(HERE, "..", "third_party"),
}
PREFIX = os.path.join("orderstream_client", "_proto")


def _well_known_types(grpc_tools):
    """Where google/protobuf/*.proto live: grpc_tools ships them in _proto/."""
    for candidate in (os.path.join(os.path.dirname(grpc_tools.__file__), "_proto"), "/usr/include"):
        if os.path.isfile(os.path.join(candidate, "google", "protobuf", "timestamp.proto")):
            return candidate
    raise RuntimeError("google/protobuf/timestamp.proto is not shipped with grpc_tools")


def generate(out_dir):
    import grpc_tools
    from grpc_tools import protoc

    shutil.rmtree(os.path.join(out_dir, PREFIX), ignore_errors=True)  # nothing left from an older proto
    stage = tempfile.mkdtemp(prefix="orderstream-proto-")
    try:
        for name, root in PROTO_ROOTS.items():
            target = os.path.join(stage, PREFIX, name)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            shutil.copyfile(os.path.join(root, name), target)
        include = ["-I" + stage, "-I" + _well_known_types(grpc_tools)]
        orders = os.path.join(PREFIX, "orderstream/v1/orders.proto")
        rpc = [os.path.join(PREFIX, name) for name in PROTO_ROOTS if name.startswith("google/")]
        for args in ([orders, "--grpc_python_out=" + out_dir], rpc):
            command = ["grpc_tools.protoc", *include, "--python_out=" + out_dir, *args]
            if protoc.main(command) != 0:
                raise RuntimeError("protoc failed: " + " ".join(command))
    finally:
        shutil.rmtree(stage, ignore_errors=True)
    # Regular packages, so the stubs import the same way on every Python and in every tool.
    for directory, _, files in os.walk(os.path.join(out_dir, PREFIX)):
        if "__init__.py" not in files:
            open(os.path.join(directory, "__init__.py"), "w").close()


class BuildWithStubs(build_py):
    def run(self):
        super().run()
        generate(self.build_lib)


setup(cmdclass={"build_py": BuildWithStubs})
