package io.orderstream.distributed;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import io.orderstream.redis.RedisSettings;
import io.orderstream.server.Main;
import io.orderstream.worker.WorkerMain;
import io.orderstream.testing.FreePorts;

import org.redisson.api.RedissonClient;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Gateways and workers as separate processes on one Redis and one PostgreSQL, as distributed
 * mode runs them. Each cluster works under a Redis key prefix and a PostgreSQL schema of its
 * own, which {@link #close()} deletes with every process it started.
 * <p>
 * The shared Redis is {@code -Dorderstream.test.redis} (default {@code redis://127.0.0.1:6379});
 * PostgreSQL is {@link ClusterSchema}'s.
 */
public final class Cluster implements AutoCloseable {
    /** The shared Redis. */
    public static final String SHARED_REDIS = System.getProperty("orderstream.test.redis", "redis://127.0.0.1:6379");
    private static final Duration START_LIMIT = Duration.ofSeconds(90);
    // Small heaps: a test runs several processes at once on a small machine.
    private static final List<String> TEST_JVM_ARGS = List.of("-Xmx256m", "-XX:+UseSerialGC",
                                                              "-Djava.net.preferIPv4Stack=true");

    private final String redisAddress;
    private final String prefix;
    private final ClusterSchema schema;
    private final Map<String, String> settings = new HashMap<>();
    private List<String> jvmArgs = TEST_JVM_ARGS;
    private final List<NodeProcess> nodes = new ArrayList<>();

    private Cluster(String redisAddress, String what) {
        this.redisAddress = redisAddress;
        String id = HexFormat.of().formatHex(randomBytes());
        this.prefix = "ostest:" + what + ":" + id;
        this.schema = ClusterSchema.create("ostest_" + what + "_" + id);
        settings.put("ORDERSTREAM_REDIS_ADDRESS", redisAddress);
        settings.put("ORDERSTREAM_REDIS_PREFIX", prefix);
        settings.put("ORDERSTREAM_DB_URL", schema.url());
        settings.put("ORDERSTREAM_DB_USERNAME", schema.user());
        settings.put("ORDERSTREAM_DEX_LATENCY_SCALE", "0");
        settings.put("ORDERSTREAM_DEX_FAILURE_RATE", "0");
        settings.put("ORDERSTREAM_DEX_DRIFT_PERCENT", "0");
        settings.put("ORDERSTREAM_WORKER_RETRY_BACKOFF_MILLIS", "0");
    }

    /**
     * A cluster on a Redis.
     *
     * @param redisAddress {@code redis://host:port}
     * @param what         the test's subject, lower case letters
     * @return the cluster, no process started yet
     */
    public static Cluster on(String redisAddress, String what) {
        return new Cluster(redisAddress, what);
    }

    /**
     * Sets an environment variable of every process started from now on.
     *
     * @param name  e.g. {@code ORDERSTREAM_DEX_LATENCY_SCALE}
     * @param value its value
     * @return this cluster
     */
    public Cluster with(String name, String value) {
        settings.put(name, value);
        return this;
    }

    /**
     * The key prefix of this cluster in Redis.
     *
     * @return prefix
     */
    public String prefix() {
        return prefix;
    }

    /**
     * The Redis this cluster runs on.
     *
     * @return address
     */
    public String redisAddress() {
        return redisAddress;
    }

    /**
     * Starts gateways without workers and waits until each answers {@code /health}.
     *
     * @param count how many
     * @return the gateways, ready
     */
    public List<GatewayNode> gateways(int count) throws Exception {
        List<GatewayNode> started = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            started.add(startGateway("gateway-" + i, FreePorts.next(), FreePorts.next()));
        }
        for (GatewayNode gateway : started) {
            awaitHealthy(gateway);
        }
        return started;
    }

    /**
     * Starts a gateway again on the ports of one that has exited, as a rolling restart does,
     * and waits until it answers {@code /health}.
     *
     * @param exited the gateway, no longer running
     * @param name   name of the new process
     * @return the new gateway, ready
     */
    public GatewayNode restart(GatewayNode exited, String name) throws Exception {
        if (exited.process().isAlive()) {
            throw new IllegalStateException(exited.process() + " still runs");
        }
        GatewayNode gateway = startGateway(name, exited.port(), exited.grpcPort());
        awaitHealthy(gateway);
        return gateway;
    }

    /**
     * Starts one more worker and waits until it runs.
     *
     * @param name name of the process
     * @return the worker, running
     */
    public NodeProcess worker(String name) throws Exception {
        NodeProcess worker = start(name, WorkerMain.class, settings);
        awaitStarted(worker);
        return worker;
    }

    private GatewayNode startGateway(String name, int port, int grpcPort) throws IOException {
        Map<String, String> env = new HashMap<>(settings);
        env.put("SERVER_PORT", String.valueOf(port));
        env.put("ORDERSTREAM_GRPC_PORT", String.valueOf(grpcPort));
        env.put("ORDERSTREAM_WORKER_ENABLED", "false");
        return new GatewayNode(start(name, Main.class, env), port, grpcPort);
    }

    /**
     * Starts workers and waits until each has started its consumer loops.
     *
     * @param count how many
     * @return the workers, running
     */
    public List<NodeProcess> workers(int count) throws Exception {
        List<NodeProcess> started = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            started.add(start("worker-" + i, WorkerMain.class, settings));
        }
        for (NodeProcess worker : started) {
            awaitStarted(worker);
        }
        return started;
    }

    /** Kills every process, then deletes the schema and the keys. */
    @Override
    public void close() throws Exception {
        for (NodeProcess node : nodes) {
            node.kill();
        }
        schema.drop();
        if (redisAddress.equals(SHARED_REDIS)) {
            RedissonClient client = redisClient("ostest_cleanup");
            try {
                client.getKeys().deleteByPattern(prefix + ":*");
            } finally {
                client.shutdown();
            }
        }
    }

    /**
     * A Redisson client of this cluster's Redis, configured as production configures it.
     *
     * @param name connection name
     * @return the client; the caller shuts it down
     */
    public RedissonClient redisClient(String name) {
        return new RedisSettings(redisAddress, Optional.empty(), prefix, Duration.ofSeconds(2), 4).connect(name);
    }

    /**
     * Starts the processes started from now on with these JVM options instead of the tests'
     * small heaps (a benchmark runs them as production does).
     *
     * @param options JVM options
     * @return this cluster
     */
    public Cluster jvmArgs(List<String> options) {
        this.jvmArgs = List.copyOf(options);
        return this;
    }

    /**
     * The cluster's PostgreSQL schema, to read what the processes stored.
     *
     * @return the schema
     */
    public ClusterSchema schema() {
        return schema;
    }

    private NodeProcess start(String name, Class<?> mainClass, Map<String, String> env) throws IOException {
        NodeProcess node = NodeProcess.start(prefix.replace(':', '-') + "-" + name, mainClass, env, jvmArgs);
        nodes.add(node);
        return node;
    }

    private static void awaitStarted(NodeProcess worker) throws Exception {
        if (!worker.awaitLog("orderstream worker started", START_LIMIT.toMillis())) {
            fail("Worker did not start: " + worker + "\n" + worker.log());
        }
    }

    private static void awaitHealthy(GatewayNode gateway) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + START_LIMIT.toNanos();
        while (System.nanoTime() < deadline && gateway.process().isAlive()) {
            try {
                HttpResponse<String> health = http.send(
                        HttpRequest.newBuilder(URI.create(gateway.http() + "/health")).timeout(Duration.ofSeconds(2))
                                .build(), HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // Not listening yet.
            }
            Thread.sleep(200);
        }
        fail("Gateway did not become healthy: " + gateway.process() + "\n" + gateway.process().log());
    }

    private static byte[] randomBytes() {
        byte[] random = new byte[4];
        ThreadLocalRandom.current().nextBytes(random);
        return random;
    }

    /**
     * A gateway process and its ports.
     *
     * @param process  the process
     * @param port     REST, WebSocket and gRPC (Helidon)
     * @param grpcPort gRPC (Netty)
     */
    public record GatewayNode(NodeProcess process, int port, int grpcPort) {
        /**
         * Base URL of its HTTP face.
         *
         * @return e.g. {@code http://127.0.0.1:41234}
         */
        public String http() {
            return "http://127.0.0.1:" + port;
        }

        /**
         * Base URL of its WebSocket face.
         *
         * @return e.g. {@code ws://127.0.0.1:41234}
         */
        public String ws() {
            return "ws://127.0.0.1:" + port;
        }
    }
}
