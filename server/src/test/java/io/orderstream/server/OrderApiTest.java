package io.orderstream.server;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.orderstream.proto.v1.CancelOrderRequest;
import io.orderstream.proto.v1.ListOrdersRequest;
import io.orderstream.proto.v1.ListOrdersResponse;
import io.orderstream.proto.v1.OrderServiceGrpc;
import io.orderstream.proto.v1.OrderStatus;
import io.orderstream.proto.v1.SubmitOrderRequest;
import io.orderstream.proto.v1.SubmitOrderResponse;
import io.orderstream.testing.RestClient;
import io.orderstream.testing.TestGateway;
import io.orderstream.testing.WsRecorder;

import com.fasterxml.jackson.databind.JsonNode;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Listing, cancelling and idempotent submission, with every error path.
 */
class OrderApiTest {
    private static final String ORDER = "{\"tokenIn\":\"SOL\",\"tokenOut\":\"USDC\",\"amount\":2,\"slippage\":0.5}";

    /** No worker: orders stay pending, so cancelling and listing are deterministic. */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class WithoutWorker {
        private TestGateway gateway;
        private RestClient rest;
        private ManagedChannel channel;

        @BeforeAll
        void start() {
            gateway = TestGateway.start(Map.of("orderstream.worker.enabled", "false"));
            rest = new RestClient(gateway.http());
            channel = ManagedChannelBuilder.forAddress("127.0.0.1", gateway.port()).usePlaintext().build();
        }

        @AfterAll
        void stop() throws InterruptedException {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            gateway.close();
        }

        @Test
        void listsNewestFirstPageByPageAndByStatus() throws Exception {
            List<String> submitted = new ArrayList<>();
            for (int i = 0; i < 7; i++) {
                submitted.add(rest.submit(ORDER));
            }
            rest.post(rest.request("/api/orders/" + submitted.get(3) + "/cancel")
                              .POST(java.net.http.HttpRequest.BodyPublishers.noBody()));

            List<String> listed = new ArrayList<>();
            String token = "";
            int pages = 0;
            do {
                JsonNode page = rest.get("/api/orders?pageSize=3&pageToken=" + token).body();
                page.get("orders").forEach(order -> listed.add(order.get("orderId").asText()));
                token = page.get("nextPageToken").asText();
                pages++;
            } while (!token.isEmpty());
            // Other tests of this class share the gateway: ours are the newest seven.
            assertThat(listed.subList(0, 7), is(submitted.reversed()));
            assertThat("no order twice across pages", new HashSet<>(listed).size(), is(listed.size()));
            assertThat(pages, is((listed.size() + 2) / 3));

            List<String> cancelled = new ArrayList<>();
            rest.get("/api/orders?status=cancelled").body().get("orders")
                    .forEach(order -> cancelled.add(order.get("orderId").asText()));
            assertThat(cancelled.contains(submitted.get(3)), is(true));
            assertThat(cancelled.contains(submitted.get(2)), is(false));

            var stub = OrderServiceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);
            ListOrdersResponse pending = stub.listOrders(ListOrdersRequest.newBuilder()
                                                                 .setStatus(OrderStatus.ORDER_STATUS_PENDING)
                                                                 .setPageSize(100).build());
            Set<String> pendingIds = new HashSet<>();
            pending.getOrdersList().forEach(order -> pendingIds.add(order.getOrderId()));
            assertThat(pendingIds.contains(submitted.get(3)), is(false));
            assertThat(pendingIds.containsAll(submitted.subList(4, 7)), is(true));
        }

        @Test
        void listRefusesBadParameters() throws Exception {
            assertThat(rest.get("/api/orders?pageSize=101").status(), is(400));
            assertThat(rest.get("/api/orders?pageSize=-1").status(), is(400));
            assertThat(rest.get("/api/orders?pageSize=abc").status(), is(400));
            assertThat(rest.get("/api/orders?status=done").status(), is(400));
            RestClient.Reply token = rest.get("/api/orders?pageToken=garbage!");
            assertThat(token.status(), is(400));
            assertThat(token.body().get("errors").get(0).get("field").asText(), is("pageToken"));
            var stub = OrderServiceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);
            StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> stub.listOrders(
                    ListOrdersRequest.newBuilder().setPageSize(1000).build()));
            assertThat(e.getStatus().getCode(), is(Status.Code.INVALID_ARGUMENT));
        }

        @Test
        void cancelEndsThePendingOrderAndWatchersSeeIt() throws Exception {
            String orderId = rest.submit(ORDER);
            try (WsRecorder ws = WsRecorder.connect(rest.http(), gateway.ws() + "/api/orders/status/" + orderId)) {
                assertThat(ws.next().get("type").asText(), is("connection"));
                assertThat(ws.next().get("type").asText(), is("subscribed"));
                assertThat(ws.next().get("type").asText(), is("pending"));

                RestClient.Reply reply = rest.post(rest.request("/api/orders/" + orderId + "/cancel")
                                                           .POST(java.net.http.HttpRequest.BodyPublishers.noBody()));
                assertThat(reply.status(), is(200));
                assertThat(reply.body().get("status").asText(), is("cancelled"));

                JsonNode cancelled = ws.next();
                assertThat(cancelled.get("type").asText(), is("cancelled"));
                assertThat(cancelled.get("seq").asLong(), is(2L));
                assertThat(ws.awaitClose().code(), is(1000));
            }
            // Twice is a conflict: the order has ended.
            RestClient.Reply again = rest.post(rest.request("/api/orders/" + orderId + "/cancel")
                                                       .POST(java.net.http.HttpRequest.BodyPublishers.noBody()));
            assertThat(again.status(), is(409));
            assertThat(again.body().get("detail").asText(), containsString("is cancelled"));
        }

        @Test
        void cancelErrors() throws Exception {
            assertThat(rest.post(rest.request("/api/orders/00000000-0000-4000-8000-000000000000/cancel")
                                         .POST(java.net.http.HttpRequest.BodyPublishers.noBody())).status(), is(404));
            assertThat(rest.post(rest.request("/api/orders/xyz/cancel")
                                         .POST(java.net.http.HttpRequest.BodyPublishers.noBody())).status(), is(400));
            var stub = OrderServiceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);
            StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> stub.cancelOrder(
                    CancelOrderRequest.newBuilder().setOrderId("00000000-0000-4000-8000-000000000000").build()));
            assertThat(e.getStatus().getCode(), is(Status.Code.NOT_FOUND));
        }

        @Test
        void sameIdempotencyKeyAndBodyAnswerTheSameOrder() throws Exception {
            var first = rest.post(rest.request("/api/orders").header("Content-Type", "application/json")
                                          .header("Idempotency-Key", "rest-key-1")
                                          .POST(java.net.http.HttpRequest.BodyPublishers.ofString(ORDER)));
            var second = rest.post(rest.request("/api/orders").header("Content-Type", "application/json")
                                           .header("Idempotency-Key", "rest-key-1")
                                           .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                                                   ORDER.replace("\"amount\":2", "\"amount\":2.000"))));
            assertThat(first.body().get("created").asBoolean(), is(true));
            assertThat(second.status(), is(200));
            assertThat(second.body().get("created").asBoolean(), is(false));
            assertThat(second.body().get("orderId").asText(), is(first.body().get("orderId").asText()));
            assertThat(rest.get("/api/orders/" + first.body().get("orderId").asText() + "/events").body()
                               .get("events").size(), is(1));

            var conflict = rest.post(rest.request("/api/orders").header("Content-Type", "application/json")
                                             .header("Idempotency-Key", "rest-key-1")
                                             .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                                                     ORDER.replace("\"amount\":2", "\"amount\":3"))));
            assertThat(conflict.status(), is(409));
            assertThat(conflict.contentType(), is("application/problem+json"));
            var badKey = rest.post(rest.request("/api/orders").header("Content-Type", "application/json")
                                           .header("Idempotency-Key", "spaces are not allowed")
                                           .POST(java.net.http.HttpRequest.BodyPublishers.ofString(ORDER)));
            assertThat(badKey.status(), is(400));
        }

        @Test
        void grpcClientOrderIdIsIdempotentToo() {
            var stub = OrderServiceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);
            SubmitOrderRequest request = SubmitOrderRequest.newBuilder().setTokenIn("SOL").setTokenOut("USDT")
                    .setAmount("1.5").setClientOrderId("grpc-key-1").build();
            SubmitOrderResponse first = stub.submitOrder(request);
            SubmitOrderResponse second = stub.submitOrder(request);
            assertThat(second.getOrderId(), is(first.getOrderId()));
            assertThat(second.getCreated(), is(false));
            StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> stub.submitOrder(
                    request.toBuilder().setAmount("2").build()));
            assertThat(e.getStatus().getCode(), is(Status.Code.ALREADY_EXISTS));
        }
    }

    /** With a worker: an order past submission cannot be cancelled. */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class WithWorker {
        private TestGateway gateway;
        private RestClient rest;

        @BeforeAll
        void start() {
            gateway = TestGateway.start();
            rest = new RestClient(gateway.http());
        }

        @AfterAll
        void stop() {
            gateway.close();
        }

        @Test
        void cancellingAConfirmedOrderIsAConflict() throws Exception {
            String orderId = rest.submit(ORDER);
            try (WsRecorder ws = WsRecorder.connect(rest.http(), gateway.ws() + "/api/orders/status/" + orderId)) {
                assertThat(ws.awaitClose().code(), is(1000));
            }
            RestClient.Reply reply = rest.post(rest.request("/api/orders/" + orderId + "/cancel")
                                                       .POST(java.net.http.HttpRequest.BodyPublishers.noBody()));
            assertThat(reply.status(), is(409));
            assertThat(reply.body().get("detail").asText(), containsString("is confirmed"));
            assertThat(rest.get("/api/orders/" + orderId).body().get("status").asText(), is("confirmed"));

            ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", gateway.grpcPort())
                    .usePlaintext().build();
            try {
                StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () ->
                        OrderServiceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
                                .cancelOrder(CancelOrderRequest.newBuilder().setOrderId(orderId).build()));
                assertThat(e.getStatus().getCode(), is(Status.Code.FAILED_PRECONDITION));
                assertThat(e.getStatus().getDescription(), not(containsString("Exception")));
            } finally {
                channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
        }
    }
}
