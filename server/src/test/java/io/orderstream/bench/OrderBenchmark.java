package io.orderstream.bench;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * orderstream's load program, {@code ./bench.sh [--duration=S] [--concurrency=C] [--warmup=N]
 * [--setups=embedded,1+1,2+2] [--clients=rest,grpc]}: orders per second and submit→terminal
 * latency, measured with clients as users write them, against setups it starts and stops itself.
 * <ul>
 *     <li>setups: {@code embedded}, the server jar as one process with its in-process worker and
 *     an H2 file; {@code G+W}, G gateway and W worker processes on Redis and PostgreSQL
 *     ({@link io.orderstream.distributed.Cluster}). All with instant, failure-free mock DEXs,
 *     all on 127.0.0.1, none in this JVM;</li>
 *     <li>clients: {@code rest}, {@code POST /api/orders/execute} then a {@code java.net.http}
 *     WebSocket on {@code /api/orders/status/{orderId}}; {@code grpc}, {@code SubmitOrder} then
 *     {@code WatchOrder} with grpc-java;</li>
 *     <li>load: a closed loop of C orders in flight (default 50) for a fixed window (default
 *     20 s) after a warm-up (default 300 orders), per setup and client kind.</li>
 * </ul>
 * It prints the machine, then one row per setup × client kind: orders/s, p50/p90/p99
 * submit→terminal, orders whose terminal event did not arrive within 5 s, failed orders,
 * errors (with their reasons below the table) and the CPU the client itself used. Each setup
 * has a time limit, after which it is stopped and reported as unfinished.
 * It exits 0 when every row was measured, 1 when one was not, 2 on a bad argument.
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
        SetupRunner<Row> runner = new SetupRunner<>(options, new ThroughputTrial(options, http), http);
        Runtime.getRuntime().addShutdownHook(new Thread(runner::stop, "stop-setup"));
        List<Row> rows = new ArrayList<>();
        for (String setup : options.setups()) {
            rows.addAll(runner.run(setup));
        }
        new ResultTable(options).print(rows, System.out);
        System.out.flush();
        System.exit(rows.stream().allMatch(row -> row.measurement() != null) ? 0 : 1);
    }
}
