package io.orderstream.server;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import io.orderstream.proto.v1.OrderEvent;
import io.orderstream.proto.v1.OrderServiceGrpc;
import io.orderstream.proto.v1.SubmitOrderRequest;
import io.orderstream.proto.v1.WatchOrderRequest;
import io.orderstream.testing.PrometheusText;
import io.orderstream.testing.RestClient;
import io.orderstream.testing.TestGateway;
import io.orderstream.testing.WsRecorder;

import io.helidon.metrics.api.Metrics;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;

/**
 * {@code /observe/metrics} counts each order where its step is recorded, with exact values: the
 * gateway its submits and cancels, the in-process worker confirmations, failures by reason,
 * steps, attempts and DEX calls, the registry what reaches watchers. Meters leave with the
 * gateway that registered them.
 */
class MetricsTest {
    private static final String ORDER = "{\"tokenIn\":\"SOL\",\"tokenOut\":\"USDC\",\"amount\":10,\"slippage\":0.5}";
    private static final Duration SETTLE = Duration.ofSeconds(30);
    /** Events an order publishes on its way to confirmed: its pending event is only stored. */
    private static final int PUBLISHED_PER_ORDER = 6;
    private static final String[] STEPS = {"queued", "routing", "building", "submission", "confirmation"};

    @Test
    void everyConfirmedOrderIsCountedOnceInEachOfItsMeters() throws Exception {
        int restOrders = 6;
        int grpcOrders = 4;
        int orders = restOrders + grpcOrders;
        try (TestGateway gateway = TestGateway.start()) {
            RestClient rest = new RestClient(gateway.http());
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < restOrders; i++) {
                ids.add(submitWithKey(rest, "metrics-" + i));
            }
            // The same key again answers the order already accepted: not a new submit.
            submitWithKey(rest, "metrics-0");
            ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", gateway.port()).usePlaintext()
                    .build();
            try {
                var stub = OrderServiceGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS);
                for (int i = 0; i < grpcOrders; i++) {
                    ids.add(stub.submitOrder(SubmitOrderRequest.newBuilder().setTokenIn("SOL").setTokenOut("USDC")
                                                     .setAmount("1").setSlippage("1").build()).getOrderId());
                }
                PrometheusText metrics = awaitMetrics(rest, scrape ->
                        scrape.count("orderstream_orders_confirmed_total") == orders
                                && scrape.count("orderstream_events_published_total") == (long) orders
                                * PUBLISHED_PER_ORDER
                                && scrape.count("orderstream_queue_depth") == 0
                                && scrape.count("orderstream_orders_in_flight") == 0);

                assertThat(metrics.count("orderstream_orders_submitted_total", "face", "rest"), is((long) restOrders));
                assertThat(metrics.count("orderstream_orders_submitted_total", "face", "grpc"), is((long) grpcOrders));
                assertThat(metrics.sum("orderstream_orders_failed_total"), is(0L));
                assertThat(metrics.count("orderstream_orders_cancelled_total"), is(0L));
                for (String step : STEPS) {
                    assertThat(step, metrics.count("orderstream_order_step_seconds_count", "step", step),
                               is((long) orders));
                }
                assertThat(metrics.count("orderstream_order_duration_seconds_count", "outcome", "confirmed"),
                           is((long) orders));
                assertThat(metrics.count("orderstream_submission_attempts_total"), is((long) orders));
                assertThat(metrics.count("orderstream_submission_retries_total"), is(0L));
                for (String dex : List.of("raydium", "meteora")) {
                    assertThat(dex, metrics.count("orderstream_dex_call_seconds_count", "dex", dex, "call", "quote"),
                               is((long) orders));
                }
                assertThat(metrics.sum("orderstream_dex_call_seconds_count", "call", "build"), is((long) orders));
                assertThat(metrics.sum("orderstream_dex_call_seconds_count", "call", "submit"), is((long) orders));
                // A histogram Prometheus can aggregate: buckets up to +Inf, holding every call.
                assertThat(metrics.count("orderstream_dex_call_seconds_bucket", "dex", "raydium", "call", "quote",
                                         "le", "+Inf"), is((long) orders));
                assertThat(metrics.count("orderstream_queue_waiting"), is(0L));
                assertThat(metrics.count("orderstream_queue_oldest_wait_seconds"), is(0L));

                // Watched after their end: each event is replayed, delivered, and not a lag.
                try (WsRecorder ws = WsRecorder.connect(rest.http(), gateway.ws() + "/api/orders/status/"
                        + ids.getFirst())) {
                    ws.awaitClose();
                }
                Iterator<OrderEvent> stream = stub.watchOrder(WatchOrderRequest.newBuilder().setOrderId(ids.getLast())
                                                                      .build());
                stream.forEachRemaining(event -> { });
                int life = PUBLISHED_PER_ORDER + 1;
                metrics = awaitMetrics(rest, scrape ->
                        scrape.count("orderstream_events_delivered_total", "face", "order-socket") == life
                                && scrape.count("orderstream_events_delivered_total", "face", "grpc") == life);
                assertThat(metrics.count("orderstream_events_delivered_total", "face", "multi-socket"), is(0L));
                assertThat(metrics.sum("orderstream_event_delivery_lag_seconds_count"), is(0L));
                assertThat(metrics.sum("orderstream_watch_cutoffs_total"), is(0L));
            } finally {
                channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
            PrometheusText metrics = scrape(rest);
            // The libraries' own: the connection pool (HikariCP) and the JVM (Helidon).
            assertThat(metrics.count("hikaricp_connections_max", "pool", "orderstream-db"), is(16L));
            assertThat(metrics.has("hikaricp_connections_active"), is(true));
            assertThat(metrics.has("memory_usedHeap_bytes"), is(true));
        }
    }

    @Test
    void aFailedOrderCountsUnderItsReasonWithItsAttempts() throws Exception {
        try (TestGateway gateway = TestGateway.start(Map.of("orderstream.dex.failure.rate", "1"))) {
            RestClient rest = new RestClient(gateway.http());
            rest.submit(ORDER);
            // Both meters of the failure settled: a scrape that reads the duration before the
            // execution records it and the counter after may show the one without the other.
            PrometheusText metrics = awaitMetrics(rest, scrape ->
                    scrape.sum("orderstream_orders_failed_total") == 1
                            && scrape.sum("orderstream_order_duration_seconds_count") == 1);

            assertThat(metrics.count("orderstream_orders_failed_total", "reason", "dex_error"), is(1L));
            assertThat(metrics.count("orderstream_orders_confirmed_total"), is(0L));
            assertThat(metrics.count("orderstream_order_duration_seconds_count", "outcome", "failed"), is(1L));
            assertThat(metrics.count("orderstream_submission_attempts_total"), is(3L));
            assertThat(metrics.count("orderstream_submission_retries_total"), is(2L));
            assertThat(metrics.count("orderstream_order_step_seconds_count", "step", "submission"), is(1L));
            assertThat(metrics.count("orderstream_order_step_seconds_count", "step", "confirmation"), is(0L));
        }
    }

    @Test
    void aCancelIsCountedByTheGatewayAndItsLiveDeliveryHasALag() throws Exception {
        // No worker here: the order waits, and only the gateway's own meters exist.
        try (TestGateway gateway = TestGateway.start(Map.of("orderstream.worker.enabled", "false"))) {
            RestClient rest = new RestClient(gateway.http());
            String orderId = rest.submit(ORDER);
            try (WsRecorder ws = WsRecorder.connect(rest.http(), gateway.ws() + "/api/orders/status/" + orderId)) {
                ws.next();
                ws.next();
                assertThat(ws.next().get("type").asText(), is("pending"));
                assertThat(rest.post(rest.request("/api/orders/" + orderId + "/cancel")
                                             .POST(HttpRequest.BodyPublishers.noBody())).status(), is(200));
                assertThat(ws.next().get("type").asText(), is("cancelled"));
                ws.awaitClose();
            }
            PrometheusText metrics = awaitMetrics(rest, scrape ->
                    scrape.count("orderstream_events_delivered_total", "face", "order-socket") == 2);

            assertThat(metrics.count("orderstream_orders_cancelled_total"), is(1L));
            assertThat(metrics.count("orderstream_order_duration_seconds_count", "outcome", "cancelled"), is(1L));
            assertThat(metrics.count("orderstream_events_published_total"), is(1L));
            // The pending event was stored before the watch began; the cancel while it watched.
            assertThat(metrics.count("orderstream_event_delivery_lag_seconds_count", "face", "order-socket"), is(1L));
            assertThat("executions are counted where a worker runs", metrics.has("orderstream_orders_confirmed_total"),
                       is(false));
            assertThat(metrics.count("orderstream_queue_depth"), is(0L));
        }
    }

    @Test
    void metersLeaveWithTheLastGatewayThatHoldsThem() throws Exception {
        try (TestGateway second = TestGateway.start()) {
            TestGateway first = TestGateway.start();
            first.close();
            RestClient rest = new RestClient(second.http());
            rest.submit(ORDER);
            PrometheusText metrics = awaitMetrics(rest, scrape ->
                    scrape.count("orderstream_orders_confirmed_total") == 1);
            assertThat(metrics.count("orderstream_orders_submitted_total", "face", "rest"), is(1L));
        }
        List<String> left = Metrics.globalRegistry().meters().stream()
                .map(meter -> meter.id().name())
                .filter(name -> name.startsWith("orderstream") || name.startsWith("hikaricp"))
                .toList();
        assertThat(left, is(empty()));
    }

    private static String submitWithKey(RestClient rest, String key) throws Exception {
        RestClient.Reply reply = rest.post(rest.request("/api/orders/execute")
                                                   .header("Content-Type", "application/json")
                                                   .header("Idempotency-Key", key)
                                                   .POST(HttpRequest.BodyPublishers.ofString(ORDER)));
        assertThat(reply.text(), reply.status(), is(200));
        return reply.body().get("orderId").asText();
    }

    private static PrometheusText scrape(RestClient rest) throws Exception {
        RestClient.Reply reply = rest.get("/observe/metrics");
        assertThat(reply.status(), is(200));
        return PrometheusText.parse(reply.text());
    }

    /**
     * Scrapes until the metrics show {@code settled}: counts of other threads' work trail it a
     * little, and the queue's gauges are read at most once a second. Then scrapes once more, and
     * returns that: a scrape reads its meters one after another, so the one that first shows
     * {@code settled} may have read others before the work finished recording them; every meter
     * recorded before what {@code settled} saw is in the next scrape.
     */
    private static PrometheusText awaitMetrics(RestClient rest, Predicate<PrometheusText> settled) throws Exception {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        while (true) {
            PrometheusText metrics = scrape(rest);
            AssertionError notYet;
            try {
                if (settled.test(metrics)) {
                    return scrape(rest);
                }
                notYet = new AssertionError("Metrics did not settle within " + SETTLE + ": " + metrics.names());
            } catch (AssertionError missing) {
                notYet = missing;
            }
            if (System.nanoTime() > deadline) {
                throw notYet;
            }
            Thread.sleep(100);
        }
    }
}
