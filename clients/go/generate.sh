#!/usr/bin/env bash
# Generates the Go stubs of orders.proto (messages and the OrderService client and server) into
# orderstream/v1/ of this module, or of the copy of it named as the first argument, with protoc,
# protoc-gen-go and protoc-gen-go-grpc (Debian: apt-get install protobuf-compiler protoc-gen-go
# protoc-gen-go-grpc). The import path is orders.proto's go_package:
# github.com/orderstream/orderstream/gen/go/orderstream/v1 (package orderstreamv1).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="${1:-$here}"
proto="$here/../../proto/src/main/proto"
module="github.com/orderstream/orderstream/gen/go"
for tool in protoc protoc-gen-go protoc-gen-go-grpc; do
    command -v "$tool" >/dev/null 2>&1 || {
        echo "generate.sh: $tool is missing (Debian: apt-get install protobuf-compiler protoc-gen-go protoc-gen-go-grpc)" >&2
        exit 1
    }
done
rm -rf "$out/orderstream"
protoc -I "$proto" \
    --go_out="$out" --go_opt=module="$module" \
    --go-grpc_out="$out" --go-grpc_opt=module="$module" \
    orderstream/v1/orders.proto
