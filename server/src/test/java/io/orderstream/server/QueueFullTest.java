package io.orderstream.server;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;

import io.orderstream.testing.RestClient;
import io.orderstream.testing.TestGateway;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

/**
 * The order queue is bounded: a submit past the bound is refused with 503 and Retry-After and
 * stores nothing, so the same request with the same Idempotency-Key creates and runs the order
 * once there is room.
 */
class QueueFullTest {
    private static final String ORDER = """
            {"tokenIn":"SOL","tokenOut":"USDC","amount":1,"slippage":1}""";

    @Test
    void aSubmitPastTheBoundStoresNothingAndItsRetryRunsTheOrder() throws Exception {
        // Quotes take 10 s here, so the two accepted orders stay unfinished while the test runs.
        try (TestGateway gateway = TestGateway.start(Map.of(
                "orderstream.queue.capacity", "2",
                "orderstream.dex.latency.scale", "50",
                "orderstream.dex.timeout.millis", "20000"))) {
            RestClient rest = new RestClient(gateway.http());
            String first = rest.submit(ORDER);
            rest.submit(ORDER);

            RestClient.Reply refused = submit(rest, "retry-me");
            assertThat(refused.text(), refused.status(), is(503));
            assertThat(refused.contentType(), is("application/problem+json"));
            assertThat(refused.headers().firstValue("Retry-After").orElse(""), is("1"));
            assertThat("nothing stored", rest.get("/api/orders").body().get("orders").size(), is(2));

            assertThat(rest.post(rest.request("/api/orders/" + first + "/cancel")
                                         .POST(HttpRequest.BodyPublishers.noBody())).status(), is(200));
            RestClient.Reply retried = submit(rest, "retry-me");
            assertThat(retried.text(), retried.status(), is(200));
            assertThat(retried.body().get("created").asBoolean(), is(true));
            String orderId = retried.body().get("orderId").asText();
            assertThat("a worker takes the order up", awaitStatusPast(rest, orderId, "pending"), is(not("pending")));
        }
    }

    private static RestClient.Reply submit(RestClient rest, String idempotencyKey) throws Exception {
        return rest.post(rest.request("/api/orders/execute")
                                 .header("Content-Type", "application/json")
                                 .header("Idempotency-Key", idempotencyKey)
                                 .POST(HttpRequest.BodyPublishers.ofString(ORDER)));
    }

    /** The order's status once it is no longer {@code status}, or {@code status} after 10 s. */
    private static String awaitStatusPast(RestClient rest, String orderId, String status) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        String now = status;
        while (now.equals(status) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            JsonNode order = rest.get("/api/orders/" + orderId).body();
            now = order.get("status").asText();
        }
        return now;
    }
}
