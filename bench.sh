#!/usr/bin/env bash
# orderstream's load program (server/src/test/java/io/orderstream/bench/OrderBenchmark.java):
# orders/s and submit→terminal latency, or how one order's events fan out to many watchers, for
# REST+WebSocket and gRPC clients, against an embedded gateway and distributed gateways + workers
# that it starts, measures and stops by itself.
#
# Usage: ./bench.sh [--duration=S] [--concurrency=C] [--warmup=N] [--setups=embedded,1+1,2+2] [--clients=rest,grpc]
#        (defaults: 20 s per setup and client after 3000 warm-up orders, 50 orders in flight, every setup, both clients)
#        ./bench.sh --mode=fanout [--watchers=W] [--rounds=R] [--grpc-ports=both|helidon|netty] [--setups=embedded,1+1] [--clients=rest,grpc]
#        (defaults: 1000 watchers of one order per round, 3 rounds after a short warm-up, WatchOrder streams
#        half on each gRPC port, the embedded and 1+1 setups, both clients; each round takes about 20 s, as
#        the order waits on slowed mock DEXs)
#        ./bench.sh --mode=idle [--kinds=order-socket,ws,grpc,grpc-netty] [--connections=2000,10000]
#        (what an idle watch costs an embedded gateway in live heap and RSS, from jcmd's class histogram:
#        IdleMemory.java)
#        ./bench.sh --mode=floor [--port=8080] [--orders=3] [--delay-ms=3000] [--gap-ms=300]
#        (a server that only writes pre-encoded frames to its watchers, FloorServer.java: run a fan-out
#        client against it to see what that client measures on this machine when the server costs nothing)
#
# Distributed setups use Redis on 127.0.0.1:6379 and PostgreSQL on 127.0.0.1:5432 (database test,
# user postgres), started if installed but stopped; others through -Dorderstream.test.redis=... and
# -Dorderstream.test.postgres=... in BENCH_JAVA_OPTS. Server logs: server/target/bench-logs/ and
# server/target/dist-logs/.
set -euo pipefail
cd "$(dirname "$0")"
. scripts/java.sh
. scripts/services.sh
find_java

# Only the distributed setups need Redis and PostgreSQL.
setups="embedded,1+1,2+2"
program=io.orderstream.bench.OrderBenchmark
for arg in "$@"; do
    case "$arg" in
        --setups=*) setups="${arg#--setups=}" ;;
        --mode=idle)
            program=io.orderstream.bench.IdleMemory
            setups=embedded
            # The gateway and this program each hold one descriptor per WebSocket.
            ulimit -n "$(ulimit -Hn)"
            ;;
        --mode=floor)
            program=io.orderstream.bench.FloorServer
            setups=embedded
            ulimit -n "$(ulimit -Hn)"
            ;;
    esac
done
if [[ "$setups" == *+* ]]; then
    ensure_postgres
    ensure_redis
fi

# Builds the server jar (the embedded setup runs it) and the class path of the program and of
# the distributed setups' processes.
./mvnw -B -q -pl server -am package dependency:build-classpath -DskipTests \
  -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
cd server
exec "$JAVA_HOME/bin/java" ${BENCH_JAVA_OPTS:-} -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
  "$program" "$@"
