package io.orderstream.watch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.orderstream.testing.GrpcWatcher;
import io.orderstream.testing.Health;
import io.orderstream.testing.RawWebSocket;
import io.orderstream.testing.RestClient;
import io.orderstream.testing.TestGateway;
import io.orderstream.testing.WsRecorder;

import com.fasterxml.jackson.databind.JsonNode;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;

/**
 * Every way a watch can end removes it: client close, client cancel, a dropped connection, a
 * peer that stops answering pings, an oversized frame, and server shutdown. The live counts
 * return to zero. Orders stay pending (no worker), so every watch is still open when it ends.
 */
class CleanupTest {
    private static final String ORDER = "{\"tokenIn\":\"SOL\",\"tokenOut\":\"USDC\",\"amount\":1}";

    @Test
    void everyWayOfLeavingIsCleanedUp() throws Exception {
        try (TestGateway gateway = TestGateway.start(Map.of("orderstream.worker.enabled", "false",
                                                            "server.protocols.websocket.max-frame-length", "1024"))) {
            RestClient rest = new RestClient(gateway.http());
            String orderId = rest.submit(ORDER);
            ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", gateway.port())
                    .usePlaintext().build();
            try {
                List<WsRecorder> closing = new ArrayList<>();
                List<WsRecorder> dropping = new ArrayList<>();
                for (int i = 0; i < 5; i++) {
                    closing.add(watchOrderSocket(rest, gateway, orderId));
                    dropping.add(watchMultiSocket(rest, gateway, orderId));
                }
                List<GrpcWatcher> cancelling = new ArrayList<>();
                for (int i = 0; i < 5; i++) {
                    cancelling.add(GrpcWatcher.watch(channel, orderId, 0));
                }
                RawWebSocket silent = RawWebSocket.open(gateway.port(), "/ws");
                RawWebSocket oversized = RawWebSocket.open(gateway.port(), "/ws");
                awaitCount(rest, "grpcWatches", 5);
                JsonNode busy = Health.connections(rest);
                assertThat(busy.get("orderSockets").asInt(), is(5));
                assertThat(busy.get("multiSockets").asInt(), is(7));
                assertThat(busy.get("multiSocketSubscriptions").asInt(), is(5));
                assertThat(busy.get("watchedOrders").asInt(), is(1));

                closing.forEach(WsRecorder::close);
                dropping.forEach(WsRecorder::abort);
                cancelling.forEach(GrpcWatcher::cancel);
                // Over the limit: Helidon closes with 1009 and does not tell the listener.
                oversized.sendText("{\"op\":\"ping\",\"pad\":\"" + "x".repeat(4096) + "\"}");
                RawWebSocket.Frame frame = oversized.read();
                while (frame.opcode() != 8) {
                    frame = oversized.read();
                }
                assertThat(frame.closeCode(), is(1009));
                // The silent peer never answers pings: the keep-alive drops it.
                Health.assertAllZero(rest, Duration.ofSeconds(10));
                for (GrpcWatcher watcher : cancelling) {
                    assertThat(watcher.awaitEnd().getCode(), is(Status.Code.CANCELLED));
                }
                silent.close();
                oversized.close();
            } finally {
                channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void serverShutdownTellsWatchersWhyAndTheyCanResumeElsewhere() throws Exception {
        TestGateway gateway = TestGateway.start(Map.of("orderstream.worker.enabled", "false"));
        ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", gateway.grpcPort())
                .usePlaintext().build();
        try {
            RestClient rest = new RestClient(gateway.http());
            String orderId = rest.submit(ORDER);
            WsRecorder socket = watchOrderSocket(rest, gateway, orderId);
            WsRecorder multi = watchMultiSocket(rest, gateway, orderId);
            WsRecorder idle = WsRecorder.connect(rest.http(), gateway.ws() + "/ws");
            GrpcWatcher grpc = GrpcWatcher.watch(channel, orderId, 0);
            awaitCount(rest, "grpcWatches", 1);

            gateway.close();

            assertThat(socket.awaitClose().code(), is(1012));
            assertThat(multi.awaitClose().code(), is(1012));
            assertThat(idle.awaitClose().code(), is(1012));
            assertThat(grpc.awaitEnd().getCode(), is(Status.Code.UNAVAILABLE));
            assertThat(grpc.events().size(), greaterThan(0));
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            gateway.close();
        }
    }

    private static WsRecorder watchOrderSocket(RestClient rest, TestGateway gateway, String orderId) throws Exception {
        WsRecorder ws = WsRecorder.connect(rest.http(), gateway.ws() + "/api/orders/status/" + orderId);
        ws.next();
        ws.next();
        assertThat(ws.next().get("type").asText(), is("pending"));
        return ws;
    }

    private static WsRecorder watchMultiSocket(RestClient rest, TestGateway gateway, String orderId) throws Exception {
        WsRecorder ws = WsRecorder.connect(rest.http(), gateway.ws() + "/ws");
        ws.next();
        ws.send("{\"op\":\"subscribe\",\"orderId\":\"" + orderId + "\"}");
        assertThat(ws.next().get("type").asText(), is("subscribed"));
        assertThat(ws.next().get("type").asText(), is("pending"));
        return ws;
    }

    private static void awaitCount(RestClient rest, String name, int expected) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (Health.connections(rest).get(name).asInt() != expected && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(Health.connections(rest).get(name).asInt(), is(expected));
    }
}
