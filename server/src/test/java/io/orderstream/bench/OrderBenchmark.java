package io.orderstream.bench;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * orderstream's load program, {@code ./bench.sh [--mode=throughput|fanout] [options]}: clients as
 * users write them, against setups it starts and stops itself.
 * <ul>
 *     <li>setups: {@code embedded}, the server jar as one process with its in-process worker and
 *     an H2 file; {@code G+W}, G gateway and W worker processes on Redis and PostgreSQL
 *     ({@link io.orderstream.distributed.Cluster}). All with failure-free mock DEXs, all on
 *     127.0.0.1, none in this JVM;</li>
 *     <li>clients: {@code rest}, {@code POST /api/orders/execute} then a {@code java.net.http}
 *     WebSocket on {@code /api/orders/status/{orderId}}; {@code grpc}, {@code SubmitOrder} then
 *     {@code WatchOrder} with grpc-java.</li>
 * </ul>
 * The throughput mode (the default; {@code [--duration=S] [--concurrency=C] [--warmup=N]}) runs a
 * closed loop of C orders in flight (default 50) for a fixed window (default 20 s) after a
 * warm-up (default 3000 orders) on instant mock DEXs, and prints per setup × client kind:
 * orders/s, p50/p90/p99 submit→terminal, orders whose terminal event did not arrive within 5 s,
 * failed orders, errors (with their reasons below the table) and the CPU the client itself used.
 * <p>
 * The fan-out mode ({@code --mode=fanout [--watchers=W] [--rounds=R] [--grpc-ports=both|helidon|netty]})
 * submits one order per round on slowed mock DEXs, attaches W watchers to it (default 1000; gRPC
 * streams half on each port unless told otherwise) before it moves on, and
 * prints per setup × client kind, over R rounds (default 3): the events measured, each
 * receipt's delivery time after the event's timestamp and each event's spread from its first to
 * its last watcher (p50/p99), and the watchers that missed an event ({@link FanOutTrial}).
 * <p>
 * Each setup has a time limit, after which it is stopped and reported as unfinished. It exits 0
 * when every row was measured (and, for fan-out, no watcher missed an event), 1 when not, 2 on a
 * bad argument.
 */
public final class OrderBenchmark {
    // Cluster's clean-up opens a Redisson client in this JVM; its start-up lines are not results.
    // Held here: JUL keeps only weak references to loggers, and a collected one loses its level.
    private static final Logger REDISSON = Logger.getLogger("org.redisson");

    private OrderBenchmark() {
    }

    /**
     * Runs the benchmark.
     *
     * @param args see the class comment
     */
    public static void main(String[] args) throws InterruptedException {
        REDISSON.setLevel(Level.WARNING);
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(BenchOptions.USAGE);
            System.exit(2);
            return;
        }
        // One client for REST, WebSockets and readiness checks, as an application would have.
        // HTTP/1.1, as REST clients mostly speak it; the JDK's default would first try an h2c upgrade.
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .executor(Executors.newVirtualThreadPerTaskExecutor())
                .build();
        boolean complete;
        if (options.mode() == BenchOptions.Mode.FANOUT) {
            List<FanOutRow> rows = run(new SetupRunner<>(options, new FanOutTrial(options), http), options);
            new FanOutTable(options).print(rows, System.out);
            complete = rows.stream().allMatch(row -> row.measurement() != null
                    && row.measurement().rounds() == options.rounds() && row.measurement().measuredEvents() > 0
                    && row.measurement().missed() == 0);
        } else {
            List<Row> rows = run(new SetupRunner<>(options, new ThroughputTrial(options, http), http), options);
            new ResultTable(options).print(rows, System.out);
            complete = rows.stream().allMatch(row -> row.measurement() != null);
        }
        System.out.flush();
        System.exit(complete ? 0 : 1);
    }

    private static <R> List<R> run(SetupRunner<R> runner, BenchOptions options) throws InterruptedException {
        Runtime.getRuntime().addShutdownHook(new Thread(runner::stop, "stop-setup"));
        List<R> rows = new ArrayList<>();
        for (String setup : options.setups()) {
            rows.addAll(runner.run(setup));
        }
        return rows;
    }
}
