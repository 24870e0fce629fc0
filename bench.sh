#!/usr/bin/env bash
# Benchmark: orders/s and submit→confirmed latency, embedded and distributed, by one program
# (server/src/test/java/io/orderstream/bench/OrderBenchmark.java). It stops by itself.
# Usage: ./bench.sh [orders] [in-flight]      (default 1000 orders, 50 in flight)
# Uses Redis on 127.0.0.1:6379 and PostgreSQL on 127.0.0.1:5432 (database test, user postgres),
# started if installed but stopped; others through -Dorderstream.test.redis=... and
# -Dorderstream.test.postgres=... in BENCH_JAVA_OPTS.
set -euo pipefail
cd "$(dirname "$0")"
. scripts/java.sh
. scripts/services.sh
find_java
ensure_postgres
ensure_redis
./mvnw -B -q -pl server -am package dependency:build-classpath -DskipTests \
  -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
cd server
exec "$JAVA_HOME/bin/java" ${BENCH_JAVA_OPTS:-} -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
  io.orderstream.bench.OrderBenchmark "$@"
