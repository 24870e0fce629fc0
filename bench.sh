#!/usr/bin/env bash
# Benchmark: orders/s and submit→confirmed latency, embedded and distributed (see
# server/src/test/java/io/orderstream/bench/OrderBenchmark.java).
# Usage: ./bench.sh [orders] [in-flight]      (default 1000 orders, 50 in flight)
# Needs Redis on 127.0.0.1:6379 and PostgreSQL on 127.0.0.1:5432 (database test, user postgres),
# or -Dorderstream.test.redis=... / -Dorderstream.test.postgres=... in BENCH_JAVA_OPTS.
set -euo pipefail
cd "$(dirname "$0")"
if [ -z "${JAVA_HOME:-}" ] || ! "$JAVA_HOME/bin/java" -version 2>&1 | grep -qE 'version "(2[1-9]|[3-9][0-9])'; then
  for candidate in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-21-jdk-amd64 /usr/lib/jvm/java-21-openjdk-amd64; do
    if [ -x "$candidate/bin/java" ]; then export JAVA_HOME="$candidate"; break; fi
  done
fi
./mvnw -B -q -o -pl server -am package dependency:build-classpath -DskipTests \
  -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
cd server
exec "$JAVA_HOME/bin/java" ${BENCH_JAVA_OPTS:-} -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
  io.orderstream.bench.OrderBenchmark "$@"
