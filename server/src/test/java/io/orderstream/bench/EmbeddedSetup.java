package io.orderstream.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import io.orderstream.testing.FreePorts;

/**
 * One gateway with its in-process worker, queue and bus, and an H2 file in a temporary
 * directory: the built jar started as users start it ({@code java -jar orderstream-server.jar}),
 * in its own process so that it does not share a JVM with the measuring client.
 */
final class EmbeddedSetup implements Setup {
    /** What it is, for the table's legend. */
    static final String DESCRIPTION = "1 gateway JVM with its in-process worker, queue and bus; H2 file"
            + " (java -jar orderstream-server.jar)";
    private static final Path JAR = Path.of(System.getProperty("orderstream.bench.jar",
                                                               "target/orderstream-server.jar"));
    private static final Duration START_LIMIT = Duration.ofSeconds(90);

    private final Process process;
    private final Path data;
    private final Path log;
    private final Endpoint gateway;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedSetup(Process process, Path data, Path log, Endpoint gateway) {
        this.process = process;
        this.data = data;
        this.log = log;
        this.gateway = gateway;
    }

    /**
     * Starts the jar and waits until it answers {@code /health}.
     *
     * @param settings environment that overrides this setup's own
     * @param http     client for the readiness check
     * @return the running gateway
     * @throws IOException when the jar is missing, or the gateway does not start within 90 s
     */
    static EmbeddedSetup start(Map<String, String> settings, HttpClient http) throws IOException, InterruptedException {
        if (!Files.isRegularFile(JAR)) {
            throw new IOException("no " + JAR.toAbsolutePath() + "; build it first (bench.sh does)");
        }
        Path data = Files.createTempDirectory("orderstream-bench-");
        Path log = Files.createDirectories(Path.of("target", "bench-logs"))
                .resolve("embedded-" + System.currentTimeMillis() + ".log");
        int port = FreePorts.next();
        int grpcPort = FreePorts.next();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ServerJvm.OPTIONS);
        command.add("-jar");
        command.add(JAR.toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        // A shell that exported distributed-mode settings (as the README shows) must not turn
        // this setup into something else: only what is set here applies.
        builder.environment().keySet().removeIf(name -> name.startsWith("ORDERSTREAM_") || name.startsWith("SERVER_"));
        builder.environment().putAll(Map.of(
                "SERVER_HOST", Endpoint.HOST,
                "SERVER_PORT", String.valueOf(port),
                "ORDERSTREAM_GRPC_PORT", String.valueOf(grpcPort),
                "ORDERSTREAM_DB_URL", "jdbc:h2:file:" + data.resolve("orderstream").toAbsolutePath()
                        + ";DATABASE_TO_LOWER=TRUE;AUTO_SERVER=FALSE",
                // As Cluster sets them for distributed mode: instant, failure-free mock DEXs.
                "ORDERSTREAM_DEX_LATENCY_SCALE", "0",
                "ORDERSTREAM_DEX_FAILURE_RATE", "0",
                "ORDERSTREAM_DEX_DRIFT_PERCENT", "0",
                "ORDERSTREAM_WORKER_RETRY_BACKOFF_MILLIS", "0"));
        builder.environment().putAll(settings);
        EmbeddedSetup setup = new EmbeddedSetup(builder.start(), data, log, new Endpoint(port, grpcPort));
        try {
            setup.awaitHealthy(http);
        } catch (IOException | InterruptedException | RuntimeException e) {
            setup.close();
            throw e;
        }
        return setup;
    }

    @Override
    public List<Endpoint> gateways() {
        return List.of(gateway);
    }

    @Override
    public Map<String, Long> cpuNanos() {
        return Map.of("gateway", ProcessCpu.of(LongStream.of(process.pid())));
    }

    /**
     * The gateway's process, for tools that inspect it.
     *
     * @return its process id
     */
    long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(data)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            System.err.println("Could not remove " + data + ": " + e.getMessage());
        }
    }

    private void awaitHealthy(HttpClient http) throws IOException, InterruptedException {
        HttpRequest health = HttpRequest.newBuilder(URI.create(gateway.http() + "/health"))
                .timeout(Duration.ofSeconds(2))
                .build();
        long deadline = System.nanoTime() + START_LIMIT.toNanos();
        while (System.nanoTime() < deadline && process.isAlive()) {
            try {
                if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // Not listening yet.
            }
            Thread.sleep(200);
        }
        throw new IOException("the embedded gateway did not become healthy within " + START_LIMIT.toSeconds()
                                      + " s" + (process.isAlive() ? "" : " (it exited)") + "; log: "
                                      + log.toAbsolutePath());
    }
}
