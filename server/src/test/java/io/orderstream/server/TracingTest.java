package io.orderstream.server;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import io.orderstream.proto.v1.GetOrderRequest;
import io.orderstream.proto.v1.OrderServiceGrpc;
import io.orderstream.proto.v1.OrderStatus;
import io.orderstream.proto.v1.SubmitOrderRequest;
import io.orderstream.testing.OrderTrace;
import io.orderstream.testing.RecordedSpans;
import io.orderstream.testing.RestClient;
import io.orderstream.testing.TestGateway;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;

/**
 * One trace per order, from the client's span to the confirmation: a gateway with its worker,
 * tracing on and exporting through OpenTelemetry's autoconfigure into the SDK's in-memory
 * exporter ({@link RecordedSpans}). The client sends a W3C {@code traceparent} over REST, or as
 * gRPC metadata on either port; the submit continues it, the execution continues the submit
 * through the order queue's row, and the steps, DEX calls and publishes hang beneath.
 */
class TracingTest {
    private static final String ORDER = "{\"tokenIn\":\"SOL\",\"tokenOut\":\"USDC\",\"amount\":1,\"slippage\":1}";
    private static final Map<String, String> TRACING = Map.of("orderstream.tracing.enabled", "true");
    private static final Metadata.Key<String> TRACEPARENT = Metadata.Key.of("traceparent",
                                                                           Metadata.ASCII_STRING_MARSHALLER);

    @BeforeAll
    static void exportIntoMemory() {
        // Read by the SDK's autoconfigure when the gateway starts tracing, as OTEL_TRACES_EXPORTER would be.
        System.setProperty("otel.traces.exporter", RecordedSpans.NAME);
    }

    @AfterAll
    static void forgetTheExporter() {
        System.clearProperty("otel.traces.exporter");
    }

    @BeforeEach
    void noSpansYet() {
        RecordedSpans.reset();
    }

    @Test
    void aRestSubmitAndItsExecutionAreOneTraceUnderTheCallersSpan() throws Exception {
        Caller caller = Caller.random();
        String orderId;
        try (TestGateway gateway = TestGateway.start(TRACING)) {
            RestClient rest = new RestClient(gateway.http());
            RestClient.Reply reply = rest.post(rest.request("/api/orders/execute")
                                                       .header("Content-Type", "application/json")
                                                       .header("traceparent", caller.traceparent())
                                                       .POST(HttpRequest.BodyPublishers.ofString(ORDER)));
            assertThat(reply.text(), reply.status(), is(200));
            orderId = reply.body().get("orderId").asText();
            awaitConfirmed(rest, orderId);
        }
        // Closed: every span has ended and been exported.
        OrderTrace.of(OrderTrace.fromSdk(RecordedSpans.all()), caller.traceId())
                .assertWhole(orderId, caller.spanId(), "POST /api/orders/execute", "orderstream-gateway",
                             "orderstream-gateway");
    }

    @Test
    void grpcSubmitsOnEitherPortEachMakeOneTrace() throws Exception {
        Caller onHelidon = Caller.random();
        Caller onNetty = Caller.random();
        String helidonOrder;
        String nettyOrder;
        try (TestGateway gateway = TestGateway.start(TRACING)) {
            helidonOrder = submitOverGrpc(gateway.port(), onHelidon);
            nettyOrder = submitOverGrpc(gateway.grpcPort(), onNetty);
        }
        List<OrderTrace.Span> spans = OrderTrace.fromSdk(RecordedSpans.all());
        OrderTrace.of(spans, onHelidon.traceId()).assertWhole(helidonOrder, onHelidon.spanId(),
                                                              "orderstream.v1.OrderService/SubmitOrder",
                                                              "orderstream-gateway", "orderstream-gateway");
        OrderTrace.of(spans, onNetty.traceId()).assertWhole(nettyOrder, onNetty.spanId(),
                                                            "orderstream.v1.OrderService/SubmitOrder",
                                                            "orderstream-gateway", "orderstream-gateway");
    }

    @Test
    void aTraceparentThatCannotBeReadIsIgnoredAndTheSubmitStartsATrace() throws Exception {
        String orderId;
        try (TestGateway gateway = TestGateway.start(TRACING)) {
            RestClient rest = new RestClient(gateway.http());
            RestClient.Reply reply = rest.post(rest.request("/api/orders/execute")
                                                       .header("Content-Type", "application/json")
                                                       .header("traceparent", "00-not-a-trace-01")
                                                       .POST(HttpRequest.BodyPublishers.ofString(ORDER)));
            assertThat(reply.text(), reply.status(), is(200));
            orderId = reply.body().get("orderId").asText();
            awaitConfirmed(rest, orderId);
        }
        List<OrderTrace.Span> spans = OrderTrace.fromSdk(RecordedSpans.all());
        OrderTrace.Span submit = spans.stream().filter(span -> span.name().equals("POST /api/orders/execute"))
                .findFirst().orElseThrow();
        assertThat("a root span", submit.parentId(), is(""));
        OrderTrace.of(spans, submit.traceId()).assertWhole(orderId, "", "POST /api/orders/execute",
                                                           "orderstream-gateway", "orderstream-gateway");
    }

    @Test
    void offByDefaultNothingIsTraced() throws Exception {
        try (TestGateway gateway = TestGateway.start()) {
            RestClient rest = new RestClient(gateway.http());
            RestClient.Reply reply = rest.post(rest.request("/api/orders/execute")
                                                       .header("Content-Type", "application/json")
                                                       .header("traceparent", Caller.random().traceparent())
                                                       .POST(HttpRequest.BodyPublishers.ofString(ORDER)));
            awaitConfirmed(rest, reply.body().get("orderId").asText());
        }
        assertThat(RecordedSpans.all(), is(empty()));
    }

    private static String submitOverGrpc(int port, Caller caller) throws Exception {
        ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
        try {
            Metadata headers = new Metadata();
            headers.put(TRACEPARENT, caller.traceparent());
            OrderServiceGrpc.OrderServiceBlockingStub orders = OrderServiceGrpc.newBlockingStub(channel)
                    .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                    .withDeadlineAfter(10, TimeUnit.SECONDS);
            String orderId = orders.submitOrder(SubmitOrderRequest.newBuilder().setTokenIn("SOL").setTokenOut("USDC")
                                                        .setAmount("1").setSlippage("1").build()).getOrderId();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            OrderStatus status = OrderStatus.ORDER_STATUS_UNSPECIFIED;
            while (status != OrderStatus.ORDER_STATUS_CONFIRMED && System.nanoTime() < deadline) {
                Thread.sleep(20);
                status = OrderServiceGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.SECONDS)
                        .getOrder(GetOrderRequest.newBuilder().setOrderId(orderId).build()).getStatus();
            }
            assertThat(status, is(OrderStatus.ORDER_STATUS_CONFIRMED));
            return orderId;
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private static void awaitConfirmed(RestClient rest, String orderId) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        String status = "";
        while (!status.equals("confirmed") && System.nanoTime() < deadline) {
            Thread.sleep(20);
            status = rest.get("/api/orders/" + orderId).body().get("status").asText();
        }
        assertThat(status, is("confirmed"));
    }

    /** The client's own span, sent as {@code traceparent}. */
    private record Caller(String traceId, String spanId) {
        static Caller random() {
            return new Caller(hex(16), hex(8));
        }

        String traceparent() {
            return "00-" + traceId + "-" + spanId + "-01";
        }

        private static String hex(int bytes) {
            byte[] random = new byte[bytes];
            ThreadLocalRandom.current().nextBytes(random);
            return HexFormat.of().formatHex(random);
        }
    }
}
