package io.orderstream.limits;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.orderstream.proto.v1.CancelOrderRequest;
import io.orderstream.proto.v1.OrderServiceGrpc;
import io.orderstream.testing.RestClient;
import io.orderstream.testing.TestGateway;
import io.orderstream.testing.Tokens;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Each subject's share of the order queue, on a gateway in {@code jwt} mode whose queue holds 20
 * unfinished orders, 10 % of them (two) per subject; no worker runs, so orders stay unfinished
 * until cancelled. Past its share a subject's submit is refused (429 and {@code Retry-After},
 * RESOURCE_EXHAUSTED with {@code RetryInfo} on both gRPC ports) and nothing is stored, while
 * other subjects still get in; a cancel frees a place; a retry of an accepted order is still
 * answered with it.
 */
class QueueShareTest {
    @TempDir
    static Path dir;
    private static TestGateway gateway;
    private static RestClient rest;
    private static ManagedChannel helidon;
    private static ManagedChannel netty;

    @BeforeAll
    static void start() {
        gateway = Calls.gateway(dir, Map.of("orderstream.queue.capacity", "20",
                                            "orderstream.limits.queue.share.percent", "10"));
        rest = new RestClient(gateway.http());
        helidon = gateway.helidonChannel();
        netty = gateway.nettyChannel();
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void pastItsShareASubjectIsRefusedOverRestUntilOneOfItsOrdersEnds() throws Exception {
        String alice = Calls.subject("alice");
        String first = Calls.submit(rest, alice).body().path("orderId").asText();
        RestClient.Reply kept = rest.post(Calls.submitRequest(rest, alice).header("Idempotency-Key", "kept"));
        assertThat(kept.status(), is(200));
        long counted = Calls.refused(rest, "rest", "unfinished_orders");

        RestClient.Reply refused = Calls.submit(rest, alice);

        assertThat(refused.text(), refused.status(), is(429));
        assertThat(refused.contentType(), is("application/problem+json"));
        assertThat(refused.body().path("type").asText(), is("urn:orderstream:problem:rate-limited"));
        assertThat(refused.body().path("detail").asText(), containsString("2 unfinished orders"));
        assertThat(Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow()), greaterThan(0L));
        assertThat(Calls.refused(rest, "rest", "unfinished_orders"), is(counted + 1));
        assertThat(Calls.listed(rest, alice), is(2));

        RestClient.Reply retried = rest.post(Calls.submitRequest(rest, alice).header("Idempotency-Key", "kept"));
        assertThat("a retry of an accepted order is answered with it", retried.status(), is(200));
        assertThat(retried.body().path("orderId").asText(), is(kept.body().path("orderId").asText()));

        assertThat(Calls.submit(rest, Calls.subject("bob")).status(), is(200));

        RestClient.Reply cancelled = rest.post(rest.request("/api/orders/" + first + "/cancel")
                .header("Authorization", "Bearer " + Tokens.token(alice, "orders:write"))
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody()));
        assertThat(cancelled.text(), cancelled.status(), is(200));
        assertThat("a cancelled order frees its place", Calls.submit(rest, alice).status(), is(200));
        assertThat(Calls.submit(rest, alice).status(), is(429));
    }

    @ParameterizedTest(name = "{0} port")
    @ValueSource(strings = {"helidon", "netty"})
    void pastItsShareASubmitOverGrpcIsResourceExhaustedWithRetryInfo(String port) throws Exception {
        ManagedChannel channel = "helidon".equals(port) ? helidon : netty;
        String carol = Calls.subject("carol");
        String first = Calls.submit(channel, carol).getOrderId();
        Calls.submit(channel, carol);
        long counted = Calls.refused(rest, "grpc", "unfinished_orders");

        StatusRuntimeException refused = assertThrows(StatusRuntimeException.class, () -> Calls.submit(channel, carol));

        assertThat(refused.getStatus().toString(), refused.getStatus().getCode(), is(Status.Code.RESOURCE_EXHAUSTED));
        assertThat(refused.getStatus().getDescription(), containsString("unfinished orders"));
        Duration delay = Calls.retryDelay(refused).orElseThrow(() -> new AssertionError("No RetryInfo: " + refused));
        assertThat(delay.toMillis(), greaterThan(0L));
        assertThat(Calls.refused(rest, "grpc", "unfinished_orders"), is(counted + 1));

        OrderServiceGrpc.newBlockingStub(Tokens.bearer(channel, Tokens.token(carol, "orders:write")))
                .withDeadlineAfter(10, TimeUnit.SECONDS)
                .cancelOrder(CancelOrderRequest.newBuilder().setOrderId(first).build());
        Calls.submit(channel, carol);
    }
}
