package io.orderstream.server;

import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.orderstream.proto.v1.FailureCode;
import io.orderstream.proto.v1.ListOrdersRequest;
import io.orderstream.proto.v1.ListOrdersResponse;
import io.orderstream.proto.v1.Order;
import io.orderstream.proto.v1.OrderEvent;
import io.orderstream.proto.v1.OrderServiceGrpc;
import io.orderstream.proto.v1.OrderStatus;
import io.orderstream.proto.v1.ReplayOrderRequest;
import io.orderstream.testing.GrpcWatcher;
import io.orderstream.testing.PrometheusText;
import io.orderstream.testing.RestClient;
import io.orderstream.testing.TestGateway;
import io.orderstream.testing.Tokens;
import io.orderstream.testing.WsRecorder;

import com.fasterxml.jackson.databind.JsonNode;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Dead letters on a real gateway in {@code jwt} mode: orders fail on a gateway whose DEXs refuse
 * every submission; a second gateway on the same database, with working DEXs, lists them by
 * failure code and replays them for an administrator over REST and gRPC: the same order runs
 * again to its end, its seqs continuing, and watchers see the new execution. Everyone else is
 * refused, and only failed orders are replayed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplayTest {
    private static final String ORDER = "{\"tokenIn\":\"SOL\",\"tokenOut\":\"USDC\",\"amount\":10,\"slippage\":0.5}";
    private static final String MISSING = "00000000-0000-4000-8000-000000000000";
    private static final String ADMIN = Tokens.token("ops", "orders:admin");
    private static final String ALICE = Tokens.token("alice", "orders:read", "orders:write");

    @TempDir
    static Path dir;
    private static final List<Failed> FAILED = new ArrayList<>();
    private static TestGateway gateway;
    private static RestClient rest;
    private static ManagedChannel helidon;
    private static ManagedChannel netty;

    /** An order that failed, and its failed event's seq. */
    private record Failed(String id, long seq) {
    }

    @BeforeAll
    static void failOrdersThenStartAWorkingGateway() throws Exception {
        Map<String, String> config = new HashMap<>(Tokens.jwtMode(dir));
        config.put("orderstream.db.url", "jdbc:h2:mem:replay-" + UUID.randomUUID()
                + ";DB_CLOSE_DELAY=-1;DATABASE_TO_LOWER=TRUE");
        Map<String, String> failing = new HashMap<>(config);
        failing.put("orderstream.dex.failure.rate", "1");
        failing.put("orderstream.worker.retry.attempts", "1");
        try (TestGateway first = TestGateway.start(failing)) {
            RestClient client = new RestClient(first.http());
            ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", first.port()).usePlaintext().build();
            try {
                for (int i = 0; i < 4; i++) {
                    RestClient.Reply submitted = call(client, "POST", "/api/orders/execute", ALICE, ORDER);
                    assertThat(submitted.text(), submitted.status(), is(200));
                    String id = submitted.body().path("orderId").asText();
                    GrpcWatcher watcher = GrpcWatcher.watch(Tokens.bearer(channel, ALICE), id, 0);
                    assertThat(watcher.awaitEnd().getCode(), is(Status.Code.OK));
                    OrderEvent last = watcher.events().getLast();
                    assertThat(last.getStatus(), is(OrderStatus.ORDER_STATUS_FAILED));
                    assertThat(last.getFailureCode(), is(FailureCode.FAILURE_CODE_DEX_ERROR));
                    FAILED.add(new Failed(id, last.getSeq()));
                }
            } finally {
                channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
        }
        gateway = TestGateway.start(config);
        rest = new RestClient(gateway.http());
        helidon = ManagedChannelBuilder.forAddress("127.0.0.1", gateway.port()).usePlaintext().build();
        netty = ManagedChannelBuilder.forAddress("127.0.0.1", gateway.grpcPort()).usePlaintext().build();
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (helidon != null) {
            helidon.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            netty.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    @org.junit.jupiter.api.Order(1)
    void failedOrdersAreListedByFailureCodeInSignedPages() throws Exception {
        Set<String> listed = new LinkedHashSet<>();
        String token = "";
        int pages = 0;
        do {
            RestClient.Reply page = call(rest, "GET", "/api/orders?status=failed&failureCode=dex_error&pageSize=3"
                    + (token.isEmpty() ? "" : "&pageToken=" + token), ADMIN, null);
            assertThat(page.text(), page.status(), is(200));
            for (JsonNode order : page.body().path("orders")) {
                assertThat(order.path("status").asText(), is("failed"));
                assertThat(order.path("failureCode").asText(), is("dex_error"));
                listed.add(order.path("orderId").asText());
            }
            token = page.body().path("nextPageToken").asText();
            pages++;
        } while (!token.isEmpty());
        assertThat(pages, is(2));
        assertThat(listed, is(ids()));

        RestClient.Reply timeouts = call(rest, "GET", "/api/orders?failureCode=timeout", ADMIN, null);
        assertThat(timeouts.body().path("orders").size(), is(0));
        ListOrdersResponse grpc = OrderServiceGrpc.newBlockingStub(Tokens.bearer(netty, ADMIN))
                .withDeadlineAfter(10, TimeUnit.SECONDS)
                .listOrders(ListOrdersRequest.newBuilder().setStatus(OrderStatus.ORDER_STATUS_FAILED)
                                    .setFailureCode(FailureCode.FAILURE_CODE_DEX_ERROR).setPageSize(10).build());
        assertThat(new LinkedHashSet<>(grpc.getOrdersList().stream().map(Order::getOrderId).toList()), is(ids()));
        assertThat(grpc.getOrdersList().stream().map(Order::getFailureCode).toList(),
                   everyItem(is(FailureCode.FAILURE_CODE_DEX_ERROR)));

        RestClient.Reply unknown = call(rest, "GET", "/api/orders?failureCode=gremlins", ADMIN, null);
        assertThat(unknown.status(), is(400));
        assertThat(unknown.contentType(), is("application/problem+json"));
        assertThat(unknown.body().path("errors").path(0).path("field").asText(), is("failureCode"));
        RestClient.Reply contradiction = call(rest, "GET", "/api/orders?status=confirmed&failureCode=timeout", ADMIN,
                                              null);
        assertThat(contradiction.status(), is(400));
        assertThat(contradiction.body().path("errors").path(0).path("field").asText(), is("failureCode"));
    }

    @Test
    @org.junit.jupiter.api.Order(2)
    void anAdministratorsReplayRunsTheSameOrderAgainAndWatchersSeeItsNewEvents() throws Exception {
        Failed failed = FAILED.get(0);

        RestClient.Reply replayed = call(rest, "POST", "/api/orders/" + failed.id() + "/replay", ADMIN, null);

        assertThat(replayed.text(), replayed.status(), is(200));
        assertThat(replayed.body().path("orderId").asText(), is(failed.id()));
        assertThat(replayed.body().path("status").asText(), is("pending"));
        assertThat(replayed.body().path("lastSeq").asLong(), is(failed.seq() + 1));
        assertThat(replayed.body().has("failureCode"), is(false));

        // A WebSocket client resuming after the last seq it saw, the failed event's: no gap.
        List<JsonNode> resumed;
        try (WsRecorder ws = WsRecorder.connect(rest.http(), gateway.ws() + "/api/orders/status/" + failed.id()
                + "?afterSeq=" + failed.seq(), Map.of("Authorization", "Bearer " + ALICE))) {
            assertThat(ws.next().path("type").asText(), is("connection"));
            assertThat(ws.next().path("type").asText(), is("subscribed"));
            resumed = ws.drainUntilClosed();
            assertThat(ws.awaitClose().code(), is(1000));
        }
        for (int i = 0; i < resumed.size(); i++) {
            assertThat(resumed.get(i).path("seq").asLong(), is(failed.seq() + 1 + i));
        }
        assertThat(resumed.stream().map(event -> event.path("type").asText()).toList(),
                   is(List.of("pending", "routing", "routing", "building", "building", "submitted", "confirmed")));

        // A gRPC watcher of the whole history is not stopped by the first execution's failure.
        GrpcWatcher whole = GrpcWatcher.watch(Tokens.bearer(helidon, ALICE), failed.id(), 0);
        assertThat(whole.awaitEnd().getCode(), is(Status.Code.OK));
        List<OrderEvent> history = whole.events();
        for (int i = 0; i < history.size(); i++) {
            assertThat(history.get(i).getSeq(), is(i + 1L));
        }
        assertThat(history.get((int) failed.seq() - 1).getStatus(), is(OrderStatus.ORDER_STATUS_FAILED));
        assertThat(history.getLast().getStatus(), is(OrderStatus.ORDER_STATUS_CONFIRMED));
        assertThat(history.getLast().getSeq(), is(resumed.getLast().path("seq").asLong()));

        RestClient.Reply order = call(rest, "GET", "/api/orders/" + failed.id(), ALICE, null);
        assertThat(order.body().path("status").asText(), is("confirmed"));
        assertThat(order.body().has("failureCode"), is(false));
        assertThat(order.body().has("failureReason"), is(false));
    }

    @Test
    @org.junit.jupiter.api.Order(3)
    void onlyAnAdministratorReplaysAndOnlyAFailedOrder() throws Exception {
        Failed failed = FAILED.get(1);
        long replaysBefore = scrape().count("orderstream_orders_replayed_total");

        // The owner, with every scope but admin: refused for the scope, whatever the order.
        RestClient.Reply owner = call(rest, "POST", "/api/orders/" + failed.id() + "/replay", ALICE, null);
        assertThat(owner.status(), is(403));
        assertThat(owner.contentType(), is("application/problem+json"));
        assertThat(owner.headers().firstValue("WWW-Authenticate").orElseThrow(),
                   containsString("scope=\"orders:admin\""));
        assertThat(call(rest, "POST", "/api/orders/" + MISSING + "/replay", ALICE, null).status(), is(403));
        assertThat(call(rest, "POST", "/api/orders/" + failed.id() + "/replay", null, null).status(), is(401));
        for (ManagedChannel channel : List.of(helidon, netty)) {
            StatusRuntimeException refused = assertThrows(StatusRuntimeException.class, () -> replay(channel, ALICE,
                                                                                                     failed.id()));
            assertThat(refused.getStatus().getCode(), is(Status.Code.PERMISSION_DENIED));
            assertThat(refused.getStatus().getDescription(), containsString("orders:admin"));
        }
        assertThat(call(rest, "GET", "/api/orders/" + failed.id(), ALICE, null).body().path("status").asText(),
                   is("failed"));

        Order pending = replay(netty, ADMIN, failed.id());
        assertThat(pending.getStatus(), is(OrderStatus.ORDER_STATUS_PENDING));
        assertThat(pending.getLastSeq(), is(failed.seq() + 1));
        GrpcWatcher watcher = GrpcWatcher.watch(Tokens.bearer(netty, ADMIN), failed.id(), failed.seq());
        assertThat(watcher.awaitEnd().getCode(), is(Status.Code.OK));
        assertThat(watcher.events().getFirst().getSeq(), is(failed.seq() + 1));
        assertThat(watcher.events().getLast().getStatus(), is(OrderStatus.ORDER_STATUS_CONFIRMED));

        // Confirmed now: replaying it again is refused, on both faces.
        RestClient.Reply again = call(rest, "POST", "/api/orders/" + failed.id() + "/replay", ADMIN, null);
        assertThat(again.status(), is(409));
        assertThat(again.contentType(), is("application/problem+json"));
        assertThat(again.body().path("type").asText(), is("urn:orderstream:problem:order-not-replayable"));
        assertThat(again.body().path("detail").asText(), containsString("is confirmed"));
        StatusRuntimeException late = assertThrows(StatusRuntimeException.class,
                                                   () -> replay(helidon, ADMIN, failed.id()));
        assertThat(late.getStatus().getCode(), is(Status.Code.FAILED_PRECONDITION));
        assertThat(call(rest, "POST", "/api/orders/" + MISSING + "/replay", ADMIN, null).status(), is(404));
        assertThat(call(rest, "POST", "/api/orders/not-an-id/replay", ADMIN, null).status(), is(400));

        assertThat(scrape().count("orderstream_orders_replayed_total"), is(replaysBefore + 1));
    }

    private static Order replay(ManagedChannel channel, String token, String orderId) {
        return OrderServiceGrpc.newBlockingStub(Tokens.bearer(channel, token)).withDeadlineAfter(10, TimeUnit.SECONDS)
                .replayOrder(ReplayOrderRequest.newBuilder().setOrderId(orderId).build());
    }

    private static PrometheusText scrape() throws Exception {
        RestClient.Reply metrics = call(rest, "GET", "/observe/metrics", ADMIN, null);
        assertThat(metrics.status(), is(200));
        return PrometheusText.parse(metrics.text());
    }

    private static Set<String> ids() {
        Set<String> ids = new LinkedHashSet<>();
        FAILED.reversed().forEach(failed -> ids.add(failed.id()));
        return ids;
    }

    private static RestClient.Reply call(RestClient client, String method, String path, String token, String body)
            throws Exception {
        HttpRequest.Builder request = client.request(path);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        return client.post(request);
    }
}
