package io.orderstream.watch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.orderstream.proto.v1.OrderEvent;
import io.orderstream.proto.v1.OrderServiceGrpc;
import io.orderstream.proto.v1.WatchOrderRequest;
import io.orderstream.testing.Health;
import io.orderstream.testing.RestClient;
import io.orderstream.testing.Steps;
import io.orderstream.testing.TestGateway;
import io.orderstream.testing.WsRecorder;

import com.fasterxml.jackson.databind.JsonNode;
import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;

/**
 * A client that stops reading is cut off with the documented code once its small buffer fills,
 * while a reading client of the same orders gets every event; nothing stays registered.
 */
class SlowConsumerTest {
    private static final int ORDERS = 150;

    private TestGateway gateway;
    private RestClient rest;

    @BeforeEach
    void start() {
        gateway = TestGateway.start(Map.of(
                "orderstream.watch.buffer", "2",
                "orderstream.dex.latency.scale", "1",
                "orderstream.worker.concurrency", "50",
                // A small socket buffer makes a client that stops reading block the server early.
                "server.connection-options.socket-send-buffer-size", "4096"));
        rest = new RestClient(gateway.http());
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    @Test
    void aWebSocketThatStopsReadingIsClosedWith1013() throws Exception {
        List<String> orders = submitOrders();
        try (WsRecorder healthy = WsRecorder.connect(rest.http(), gateway.ws() + "/ws");
                WsRecorder stalled = WsRecorder.connectStalled(rest.http(), gateway.ws() + "/ws")) {
            healthy.next();
            for (String orderId : orders) {
                String subscribe = "{\"op\":\"subscribe\",\"orderId\":\"" + orderId + "\"}";
                healthy.send(subscribe);
                stalled.send(subscribe);
            }
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
            // Watches of the stalled client that fell behind were cut off already, not left queueing;
            // any left hold at most a buffer's worth each.
            assertThat(Health.connections(rest).get("multiSocketSubscriptions").asInt(), lessThan(ORDERS));

            stalled.resumeReading();
            WsRecorder.Closed closed = stalled.awaitClose();
            assertThat(closed.code(), is(1013));
            assertThat(closed.reason(), containsString("last seq"));
        }
        Health.assertAllZero(rest, Duration.ofSeconds(10));
    }

    @Test
    void aGrpcWatcherThatStopsReadingEndsWithResourceExhausted() throws Exception {
        List<String> orders = submitOrders();
        // A small HTTP/2 window: the server's streams stop being ready after a few events.
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", gateway.grpcPort())
                .usePlaintext().flowControlWindow(16 * 1024).build();
        try {
            List<StalledCall> stalled = new ArrayList<>();
            for (String orderId : orders) {
                stalled.add(new StalledCall(channel, orderId));
            }
            try (WsRecorder healthy = WsRecorder.connect(rest.http(), gateway.ws() + "/ws")) {
                healthy.next();
                for (String orderId : orders) {
                    healthy.send("{\"op\":\"subscribe\",\"orderId\":\"" + orderId + "\"}");
                }
                int ended = 0;
                while (ended < orders.size()) {
                    if (healthy.next().get("type").asText().equals("unsubscribed")) {
                        ended++;
                    }
                }
            }
            assertThat(Health.connections(rest).get("grpcWatches").asInt(), lessThan(ORDERS));
            int exhausted = 0;
            for (StalledCall call : stalled) {
                Status status = call.readAll();
                if (status.getCode() == Status.Code.RESOURCE_EXHAUSTED) {
                    exhausted++;
                    assertThat(status.getDescription(), containsString("last seq"));
                } else {
                    // A stream that was never held up must have been complete.
                    assertThat(status.getCode(), is(Status.Code.OK));
                    Steps.assertLife(call.steps(), "confirmed");
                }
            }
            assertThat(exhausted, greaterThan(0));
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        Health.assertAllZero(rest, Duration.ofSeconds(10));
    }

    private List<String> submitOrders() throws Exception {
        List<String> orders = new ArrayList<>();
        for (int i = 0; i < ORDERS; i++) {
            orders.add(rest.submit("{\"tokenIn\":\"SOL\",\"tokenOut\":\"USDC\",\"amount\":1}"));
        }
        return orders;
    }

    /** A WatchOrder call that requests no message until {@link #readAll()}. */
    private static final class StalledCall extends ClientCall.Listener<OrderEvent> {
        private final ClientCall<WatchOrderRequest, OrderEvent> call;
        private final BlockingQueue<OrderEvent> events = new LinkedBlockingQueue<>();
        private final BlockingQueue<Status> end = new LinkedBlockingQueue<>();

        StalledCall(ManagedChannel channel, String orderId) {
            call = channel.newCall(OrderServiceGrpc.getWatchOrderMethod(),
                                   CallOptions.DEFAULT.withDeadlineAfter(60, TimeUnit.SECONDS));
            call.start(this, new Metadata());
            call.sendMessage(WatchOrderRequest.newBuilder().setOrderId(orderId).build());
            call.halfClose();
        }

        @Override
        public void onMessage(OrderEvent message) {
            events.add(message);
        }

        @Override
        public void onClose(Status status, Metadata trailers) {
            end.add(status);
        }

        Status readAll() throws InterruptedException {
            call.request(Integer.MAX_VALUE);
            Status status = end.poll(30, TimeUnit.SECONDS);
            if (status == null) {
                throw new AssertionError("The stalled call did not end within 30 s of reading");
            }
            return status;
        }

        List<Steps.Step> steps() {
            return events.stream().map(io.orderstream.testing.GrpcWatcher::step).toList();
        }
    }
}
