#!/usr/bin/env bash
# Runs every test: unit, integration (real servers on loopback ports), PostgreSQL and Redis
# (the machine's, started if stopped), and the clients (Python over gRPC's C core, Node.js, the
# browser page in headless Chromium, the CLI), and buf's lint and breaking-change checks of
# orders.proto. Installs what those need when missing.
set -euo pipefail
cd "$(dirname "$0")"
. scripts/java.sh
. scripts/services.sh
find_java
echo "Using Java at $JAVA_HOME" >&2
ensure_postgres
ensure_redis
ensure_debian_packages python3-grpcio python3-grpc-tools chromium
npm_dirs=()
for dir in clients/node clients/browser-test clients/postman proto; do
    [ -f "$dir/package-lock.json" ] && npm_dirs+=("$dir")
done
[ ${#npm_dirs[@]} -eq 0 ] || ensure_npm "${npm_dirs[@]}"
./mvnw -B verify "$@"
