#!/usr/bin/env bash
# Runs every test: unit, integration (real servers on loopback ports), PostgreSQL and Redis
# (the machine's, started if stopped), and the clients (the Python wheel over gRPC's C core, the
# TypeScript package's tarball, the Go module, the browser page in headless Chromium, the CLI on a
# terminal and off one), and buf's lint and breaking-change checks of orders.proto. Installs what
# those need when missing.
set -euo pipefail
cd "$(dirname "$0")"
. scripts/java.sh
. scripts/services.sh
find_java
echo "Using Java at $JAVA_HOME" >&2
ensure_postgres
ensure_redis
# Python's (grpcio, and what builds the wheel and its venv), Go's (the toolchain, protoc with its Go
# plugins, and the gRPC and protobuf sources GOPATH builds use), the browser's.
ensure_debian_packages python3-grpcio python3-grpc-tools python3-pip python3-setuptools python3-wheel python3-venv \
    golang-go protobuf-compiler protoc-gen-go protoc-gen-go-grpc golang-google-grpc-dev golang-google-protobuf-dev \
    golang-github-golang-protobuf-1-5-dev golang-google-genproto-dev chromium
npm_dirs=()
for dir in clients/node clients/browser-test clients/postman clients/shell proto; do
    [ -f "$dir/package-lock.json" ] && npm_dirs+=("$dir")
done
[ ${#npm_dirs[@]} -eq 0 ] || ensure_npm "${npm_dirs[@]}"
./mvnw -B verify "$@"
