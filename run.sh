#!/usr/bin/env bash
# Builds orderstream and starts the gateway with its in-process worker (embedded mode: H2 under
# ./data, in-process queue and bus). Needs only a JDK 21+; Maven comes through ./mvnw.
# Environment variables configure it (SERVER_PORT, ORDERSTREAM_GRPC_PORT, ORDERSTREAM_REDIS_ADDRESS, ...;
# ORDERSTREAM_TLS_CERT and ORDERSTREAM_TLS_KEY, PEM files, turn TLS on for both ports).
set -euo pipefail
cd "$(dirname "$0")"
. scripts/java.sh
find_java
echo "Using Java at $JAVA_HOME" >&2
./mvnw -B -q -DskipTests -pl server -am package
# A bounded heap: 20,000 idle connections take about 400 MB of it; JAVA_OPTS can override this.
options=(-Xmx1g --enable-native-access=ALL-UNNAMED)
# protobuf and Netty still use sun.misc.Unsafe; JDK 24+ warns about it on every start unless allowed.
if (( $(java_major "$JAVA_HOME") >= 24 )); then
    options+=(--sun-misc-unsafe-memory-access=allow)
fi
# shellcheck disable=SC2086 # JAVA_OPTS is a list of options
exec "$JAVA_HOME/bin/java" "${options[@]}" ${JAVA_OPTS:-} -jar server/target/orderstream-server.jar "$@"
