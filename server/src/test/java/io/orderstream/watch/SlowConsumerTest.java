package io.orderstream.watch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.orderstream.proto.v1.GetOrderRequest;
import io.orderstream.proto.v1.OrderServiceGrpc;
import io.orderstream.testing.GrpcWatcher;
import io.orderstream.testing.Health;
import io.orderstream.testing.PrometheusText;
import io.orderstream.testing.RestClient;
import io.orderstream.testing.StallingProxy;
import io.orderstream.testing.Steps;
import io.orderstream.testing.TestGateway;
import io.orderstream.testing.WsRecorder;

import com.fasterxml.jackson.databind.JsonNode;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;

/**
 * A client that stops reading is cut off with the documented code once its connection's
 * backlog fills, while everyone else carries on; nothing stays registered.
 * <p>
 * The stalled client talks through a {@link StallingProxy} that stops reading from the server,
 * and the server's socket send buffer is small, so its writes block after kilobytes.
 */
class SlowConsumerTest {
    private static final int ORDERS = 60;

    @Test
    void aWebSocketThatStopsReadingIsClosedWith1013() throws Exception {
        try (TestGateway gateway = start(32)) {
            RestClient rest = new RestClient(gateway.http());
            List<String> orders = submitOrders(rest);
            try (StallingProxy proxy = new StallingProxy(gateway.port());
                    WsRecorder healthy = WsRecorder.connect(rest.http(), gateway.ws() + "/ws");
                    // Its own HTTP client: the JDK client's connections would otherwise share one selector.
                    WsRecorder stalled = WsRecorder.connect(new RestClient(gateway.http()).http(),
                                                            "ws://127.0.0.1:" + proxy.port() + "/ws")) {
                healthy.next();
                stalled.next();
                proxy.stall();
                // Newest first: those run last, so their events arrive live. The stalled client's own
                // sends block once the server stops reading it, so they go on their own thread.
                Thread.ofVirtual().start(() -> orders.reversed().forEach(id -> stalled.send(subscribe(id))));
                orders.reversed().forEach(id -> healthy.send(subscribe(id)));

                Map<String, List<Steps.Step>> lives = new HashMap<>();
                int ended = 0;
                while (ended < orders.size()) {
                    JsonNode message = healthy.next();
                    switch (message.get("type").asText()) {
                    case "subscribed" -> { }
                    case "unsubscribed" -> ended++;
                    default -> lives.computeIfAbsent(message.get("orderId").asText(), id -> new ArrayList<>())
                            .add(new Steps.Step(message.get("seq").asLong(), message.get("type").asText(),
                                                message.get("progress").asInt()));
                    }
                }
                for (String orderId : orders) {
                    Steps.assertLife(lives.get(orderId), "confirmed");
                }
                // The stalled connection's watches were cut off, not left queueing.
                assertThat(Health.connections(rest).get("multiSocketSubscriptions").asInt(), is(0));

                proxy.resume();
                WsRecorder.Closed closed = stalled.awaitClose();
                assertThat(closed.code(), is(1013));
                assertThat(closed.reason(), containsString("last seq"));
                assertThat(cutOffs(rest, "multi-socket"), greaterThan(0L));
            }
            Health.assertAllZero(rest, Duration.ofSeconds(10));
        }
    }

    @Test
    void aStalledWebSocketThatAnswersNoPingIsDroppedWhileItsWritesAreBlocked() throws Exception {
        // A large backlog, so it is the keep-alive, not the backlog, that ends this client.
        try (TestGateway gateway = start(10_000, 1)) {
            RestClient rest = new RestClient(gateway.http());
            List<String> orders = submitOrders(rest);
            try (StallingProxy proxy = new StallingProxy(gateway.port());
                    WsRecorder stalled = WsRecorder.connect(new RestClient(gateway.http()).http(),
                                                            "ws://127.0.0.1:" + proxy.port() + "/ws")) {
                stalled.next();
                proxy.stall();
                Thread.ofVirtual().start(() -> orders.reversed().forEach(id -> stalled.send(subscribe(id))));
                // Its writes block on the full socket; its pongs never come: dropped all the same.
                Health.assertAllZero(rest, Duration.ofSeconds(20));
            }
        }
    }

    @Test
    void aGrpcWatcherThatStopsReadingEndsWithResourceExhausted() throws Exception {
        // An order has seven events: a backlog of four is what a stalled call can overflow.
        try (TestGateway gateway = start(4)) {
            RestClient rest = new RestClient(gateway.http());
            List<String> orders = submitOrders(rest);
            // Helidon's port: its HTTP/2 writes block on the stalled socket.
            StallingProxy proxy = new StallingProxy(gateway.port());
            ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", proxy.port()).usePlaintext().build();
            try {
                // Connected through the proxy before it stalls; then every watch starts stalled.
                OrderServiceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
                        .getOrder(GetOrderRequest.newBuilder().setOrderId(orders.getFirst()).build());
                proxy.stall();
                List<GrpcWatcher> stalled = new ArrayList<>();
                for (String orderId : orders.reversed()) {
                    stalled.add(GrpcWatcher.watch(channel, orderId, 0));
                }
                // The engine is not held up by the stalled client: every order ends.
                awaitAllConfirmed(rest, orders.size());
                assertThat(Health.connections(rest).get("grpcWatches").asInt(), lessThan(ORDERS));

                proxy.resume();
                int exhausted = 0;
                for (GrpcWatcher call : stalled) {
                    Status status = call.awaitEnd();
                    if (status.getCode() == Status.Code.RESOURCE_EXHAUSTED) {
                        exhausted++;
                        assertThat(status.getDescription(), containsString("last seq"));
                    } else {
                        // A call that never fell behind must have had everything.
                        assertThat(status.getCode(), is(Status.Code.OK));
                        Steps.assertLife(call.steps(), "confirmed");
                    }
                }
                assertThat(exhausted, greaterThan(0));
                assertThat("each cut-off counted", cutOffs(rest, "grpc"), is((long) exhausted));
            } finally {
                channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
                proxy.close();
            }
            Health.assertAllZero(rest, Duration.ofSeconds(10));
        }
    }

    private static long cutOffs(RestClient rest, String face) throws Exception {
        return PrometheusText.parse(rest.get("/observe/metrics").text())
                .count("orderstream_watch_cutoffs_total", "face", face);
    }

    private static TestGateway start(int backlog) {
        return start(backlog, 60);
    }

    private static TestGateway start(int backlog, int pingSeconds) {
        return TestGateway.start(Map.of(
                "orderstream.watch.buffer", String.valueOf(backlog),
                // Two at a time, about 100 ms each: the last orders are still queued when watched.
                "orderstream.dex.latency.scale", "0.1",
                "orderstream.worker.concurrency", "2",
                // Pings are what find a dead peer; here the backlog must be what cuts the client off.
                "orderstream.ws.ping.seconds", String.valueOf(pingSeconds),
                "server.connection-options.socket-send-buffer-size", "4096"));
    }

    private static void awaitAllConfirmed(RestClient rest, int count) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        int confirmed = 0;
        while (confirmed < count && System.nanoTime() < deadline) {
            Thread.sleep(100);
            confirmed = rest.get("/api/orders?status=confirmed&pageSize=100").body().get("orders").size();
        }
        assertThat(confirmed, is(count));
    }

    private static String subscribe(String orderId) {
        return "{\"op\":\"subscribe\",\"orderId\":\"" + orderId + "\"}";
    }

    private static List<String> submitOrders(RestClient rest) throws Exception {
        List<String> orders = new ArrayList<>();
        for (int i = 0; i < ORDERS; i++) {
            orders.add(rest.submit("{\"tokenIn\":\"SOL\",\"tokenOut\":\"USDC\",\"amount\":1}"));
        }
        return orders;
    }
}
