package io.orderstream.server;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.orderstream.proto.v1.GetOrderRequest;
import io.orderstream.proto.v1.Order;
import io.orderstream.proto.v1.OrderEvent;
import io.orderstream.proto.v1.OrderServiceGrpc;
import io.orderstream.proto.v1.OrderStatus;
import io.orderstream.proto.v1.SubmitOrderRequest;
import io.orderstream.proto.v1.SubmitOrderResponse;
import io.orderstream.proto.v1.WatchOrderRequest;
import io.orderstream.testing.RestClient;
import io.orderstream.testing.Steps;
import io.orderstream.testing.TestGateway;
import io.orderstream.testing.WsRecorder;

import com.fasterxml.jackson.databind.JsonNode;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;

/**
 * One order followed from submission to its terminal event, as clients do it: REST and a
 * WebSocket, and gRPC on both ports.
 */
class OrderLifecycleTest {
    private static final String BASE58_SIGNATURE = "[1-9A-HJ-NP-Za-km-z]{80,90}";

    private static TestGateway gateway;
    private static RestClient rest;

    @BeforeAll
    static void start() {
        // Small real delays so the watcher connects while the order is still running.
        gateway = TestGateway.start(java.util.Map.of("orderstream.dex.latency.scale", "0.1"));
        rest = new RestClient(gateway.http());
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void restSubmitAndWebSocketWatchSeeTheWholeLife() throws Exception {
        var reply = rest.postJson("/api/orders/execute", "{\"tokenIn\":\"SOL\",\"tokenOut\":\"USDC\",\"amount\":10,"
                + "\"slippage\":0.5}");
        assertThat(reply.status(), is(200));
        assertThat(reply.body().get("success").asBoolean(), is(true));
        assertThat(reply.body().get("status").asText(), is("pending"));
        String orderId = reply.body().get("orderId").asText();
        String wsUrl = reply.body().get("wsUrl").asText();
        assertThat(wsUrl, is("ws://127.0.0.1:" + gateway.port() + "/api/orders/status/" + orderId));

        try (WsRecorder ws = WsRecorder.connect(rest.http(), wsUrl)) {
            JsonNode connection = ws.next();
            assertThat(connection.get("type").asText(), is("connection"));
            assertThat(connection.get("orderId").asText(), is(orderId));
            JsonNode subscribed = ws.next();
            assertThat(subscribed.get("type").asText(), is("subscribed"));

            List<JsonNode> events = ws.drainUntilClosed();
            WsRecorder.Closed closed = ws.awaitClose();
            assertThat(closed.code(), is(1000));

            List<Steps.Step> steps = new ArrayList<>();
            for (JsonNode event : events) {
                assertThat(event.get("orderId").asText(), is(orderId));
                assertThat(event.get("timestamp").asText(), matchesPattern("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"));
                steps.add(new Steps.Step(event.get("seq").asLong(), event.get("type").asText(),
                                         event.get("progress").asInt()));
            }
            Steps.assertLife(steps, "confirmed");
            JsonNode routed = events.stream().filter(e -> e.has("quotes")).findFirst().orElseThrow();
            assertThat(routed.get("quotes").size(), is(2));
            JsonNode confirmed = events.getLast();
            assertThat(confirmed.get("txHash").asText(), matchesPattern(BASE58_SIGNATURE));
            assertThat(confirmed.get("progress").asInt(), is(100));
        }

        JsonNode order = rest.get("/api/orders/" + orderId).body();
        assertThat(order.get("status").asText(), is("confirmed"));
        assertThat(order.get("txSignature").asText(), matchesPattern(BASE58_SIGNATURE));
        JsonNode history = rest.get("/api/orders/" + orderId + "/events?afterSeq=3").body();
        assertThat(history.get("events").get(0).get("seq").asLong(), is(4L));
    }

    @ParameterizedTest(name = "{0} port")
    @ValueSource(strings = {"helidon", "netty"})
    void grpcSubmitWatchAndGet(String port) throws Exception {
        int target = port.equals("helidon") ? gateway.port() : gateway.grpcPort();
        ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", target).usePlaintext().build();
        try {
            var stub = OrderServiceGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS);
            SubmitOrderResponse submitted = stub.submitOrder(SubmitOrderRequest.newBuilder()
                                                                     .setTokenIn("USDC").setTokenOut("SOL")
                                                                     .setAmount("250.5").setSlippage("1")
                                                                     .build());
            assertThat(submitted.getStatus(), is(OrderStatus.ORDER_STATUS_PENDING));
            assertThat(submitted.getCreated(), is(true));

            List<Steps.Step> steps = new ArrayList<>();
            Iterator<OrderEvent> stream = stub.watchOrder(WatchOrderRequest.newBuilder()
                                                                 .setOrderId(submitted.getOrderId()).build());
            // The iterator ends only when the server completes the stream with OK.
            stream.forEachRemaining(event -> steps.add(new Steps.Step(
                    event.getSeq(), event.getStatus().name().substring("ORDER_STATUS_".length()).toLowerCase(),
                    event.getProgress())));
            Steps.assertLife(steps, "confirmed");

            Order order = stub.getOrder(GetOrderRequest.newBuilder().setOrderId(submitted.getOrderId()).build());
            assertThat(order.getStatus(), is(OrderStatus.ORDER_STATUS_CONFIRMED));
            assertThat(order.getTxSignature(), matchesPattern(BASE58_SIGNATURE));
            assertThat(order.getAmount(), is("250.5"));
            assertThat(order.getLastSeq(), is((long) steps.size()));
            assertThat(order.getChosenDex(), anyOf(is("raydium"), is("meteora")));
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}
