package io.orderstream.distributed;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import io.orderstream.redis.RedisSettings;
import io.orderstream.testing.Channels;
import io.orderstream.testing.FreePorts;
import io.orderstream.testing.GrpcWatcher;
import io.orderstream.testing.PrometheusText;
import io.orderstream.testing.RestClient;
import io.orderstream.testing.Steps;
import io.orderstream.testing.WsRecorder;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The jars as the README starts them ({@code java -jar}, what they hold and nothing of the build's
 * class path): a gateway and a worker on Redis and PostgreSQL execute an order, every face of the
 * gateway shows it, and both drain when stopped. The other process tests run the test class path,
 * where a library kept out of a packaged jar (a test-scoped declaration wins over a transitive
 * one) goes unnoticed, and so would a service file or a piece of Helidon's metadata lost when
 * the gateway's jar merges its libraries into one: here the start or a face would fail.
 */
class PackagedJarsIT {
    private static final String ORDER = "{\"tokenIn\":\"SOL\",\"tokenOut\":\"USDC\",\"amount\":10,\"slippage\":0.5}";
    private static final long START_MILLIS = 90_000;

    @Test
    void aGatewayAndAWorkerStartedFromTheirJarsExecuteAnOrderAndDrainWhenStopped() throws Exception {
        String id = HexFormat.of().formatHex(randomBytes());
        ClusterSchema schema = ClusterSchema.create("ostest_jars_" + id);
        String prefix = "ostest:jars:" + id;
        Map<String, String> env = new HashMap<>();
        env.put("ORDERSTREAM_REDIS_ADDRESS", Cluster.SHARED_REDIS);
        env.put("ORDERSTREAM_REDIS_PREFIX", prefix);
        env.put("ORDERSTREAM_DB_URL", schema.url());
        env.put("ORDERSTREAM_DB_USERNAME", schema.user());
        env.put("ORDERSTREAM_DEX_LATENCY_SCALE", "0");
        env.put("ORDERSTREAM_DEX_FAILURE_RATE", "0");
        int port = FreePorts.next();
        int nettyPort = FreePorts.next();
        Map<String, String> gatewayEnv = new HashMap<>(env);
        gatewayEnv.put("SERVER_PORT", String.valueOf(port));
        gatewayEnv.put("ORDERSTREAM_GRPC_PORT", String.valueOf(nettyPort));
        gatewayEnv.put("ORDERSTREAM_WORKER_ENABLED", "false");
        NodeProcess gateway = NodeProcess.startJar("jar-gateway-" + id, Path.of("target", "orderstream-server.jar"),
                                                   gatewayEnv);
        NodeProcess worker = NodeProcess.startJar("jar-worker-" + id,
                                                  Path.of("..", "worker", "target", "orderstream-worker.jar"), env);
        try {
            awaitStarted(gateway, "orderstream is up");
            awaitStarted(worker, "orderstream worker started");
            RestClient rest = new RestClient("http://127.0.0.1:" + port);
            String orderId = rest.submit(ORDER);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            String status = "";
            while (!status.equals("confirmed") && System.nanoTime() < deadline) {
                status = rest.get("/api/orders/" + orderId).body().get("status").asText();
                Thread.sleep(100);
            }
            assertThat("order " + orderId, status, is("confirmed"));
            assertEveryFaceShows(rest, port, nettyPort, orderId);

            gateway.terminate(Duration.ofSeconds(30));
            worker.terminate(Duration.ofSeconds(30));
            assertThat(gateway.log(), containsString("Drained in"));
            assertThat(worker.log(), containsString("Drained in"));
        } finally {
            gateway.kill();
            worker.kill();
            schema.drop();
            RedissonClient redis = new RedisSettings(Cluster.SHARED_REDIS, Optional.empty(), prefix, Duration.ofSeconds(2), 2)
                    .connect("ostest_jars_cleanup");
            try {
                redis.getKeys().deleteByPattern(prefix + ":*");
            } finally {
                redis.shutdown();
            }
        }
    }

    /**
     * The order's life over the order WebSocket and WatchOrder on both ports, and what Helidon
     * finds through the jar's merged service files: health, metrics, the OpenAPI document.
     */
    private static void assertEveryFaceShows(RestClient rest, int port, int nettyPort, String orderId) throws Exception {
        try (WsRecorder ws = WsRecorder.connect(rest.http(), "ws://127.0.0.1:" + port + "/api/orders/status/" + orderId)) {
            assertThat(ws.next().path("type").asText(), is("connection"));
            assertThat(ws.next().path("type").asText(), is("subscribed"));
            Steps.assertLife(ws.drainUntilClosed().stream()
                                     .map(e -> new Steps.Step(e.path("seq").asLong(), e.path("type").asText(),
                                                              e.path("progress").asInt()))
                                     .toList(), "confirmed");
            assertThat(ws.awaitClose().code(), is(1000));
        }
        for (int grpcPort : List.of(port, nettyPort)) {
            ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", grpcPort).usePlaintext().build();
            try {
                GrpcWatcher watch = GrpcWatcher.watch(channel, orderId, 0);
                assertThat("WatchOrder on port " + grpcPort, watch.awaitEnd().getCode(), is(Status.Code.OK));
                Steps.assertLife(watch.steps(), "confirmed");
            } finally {
                Channels.shutdownAll(List.of(channel));
            }
        }
        RestClient.Reply metrics = rest.get("/observe/metrics");
        assertThat(metrics.status(), is(200));
        assertThat(PrometheusText.parse(metrics.text()).has("orderstream_orders_submitted_total"), is(true));
        assertThat(rest.get("/observe/health").status(), is(200));
        RestClient.Reply description = rest.get("/openapi");
        assertThat(description.status(), is(200));
        assertThat(description.text(), containsString("/api/orders/execute"));
    }

    private static void awaitStarted(NodeProcess node, String line) throws Exception {
        if (!node.awaitLog(line, START_MILLIS)) {
            fail(node + " did not start:\n" + node.log());
        }
    }

    private static byte[] randomBytes() {
        byte[] random = new byte[4];
        ThreadLocalRandom.current().nextBytes(random);
        return random;
    }
}
