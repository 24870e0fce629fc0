package io.orderstream.server;

import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.orderstream.testing.LogCapture;
import io.orderstream.testing.RestClient;
import io.orderstream.testing.TestGateway;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;

/**
 * {@code /observe/log}: an order's state changes are one INFO line each on {@code io.orderstream.orders};
 * setting that logger to WARNING through the endpoint silences them at once, and unsetting it
 * brings them back. Bad levels and bodies are refused as problems. (Who may call it: RestAuthTest.)
 */
class LogLevelsTest {
    private static final String ORDER = "{\"tokenIn\":\"SOL\",\"tokenOut\":\"USDC\",\"amount\":1,\"slippage\":1}";
    private static final String ORDERS_LOGGER = "/observe/log/loggers/io.orderstream.orders";

    @AfterEach
    void leaveTheLevelAsItWas() {
        Logger.getLogger("io.orderstream.orders").setLevel(null);
    }

    @Test
    void aLevelSetThroughTheEndpointTakesEffectAtOnce() throws Exception {
        try (TestGateway gateway = TestGateway.start(); LogCapture log = LogCapture.start()) {
            RestClient rest = new RestClient(gateway.http());
            JsonNode before = rest.get(ORDERS_LOGGER).body().path("io.orderstream.orders");
            assertThat(before.path("level").asText(), is("INFO"));
            assertThat("no level of its own yet", before.has("configuredLevel"), is(false));

            String logged = confirmed(rest);
            assertThat("one line per state change", linesOf(log, logged), hasSize(5));

            assertThat(rest.postJson(ORDERS_LOGGER, "{\"level\":\"WARNING\"}").status(), is(204));
            JsonNode set = rest.get(ORDERS_LOGGER).body().path("io.orderstream.orders");
            assertThat(set.path("level").asText(), is("WARNING"));
            assertThat(set.path("configuredLevel").asText(), is("WARNING"));
            assertThat(rest.get("/observe/log/loggers").body().path("loggers").path("io.orderstream.orders")
                               .path("level").asText(), is("WARNING"));
            String silent = confirmed(rest);
            assertThat(linesOf(log, silent), is(empty()));

            assertThat(rest.post(rest.request(ORDERS_LOGGER).DELETE()).status(), is(204));
            assertThat(rest.get(ORDERS_LOGGER).body().path("io.orderstream.orders").path("level").asText(),
                       is("INFO"));
            String again = confirmed(rest);
            assertThat(linesOf(log, again), hasSize(5));
        }
    }

    @Test
    void badLevelsAndBodiesAreRefusedAsProblems() throws Exception {
        try (TestGateway gateway = TestGateway.start()) {
            RestClient rest = new RestClient(gateway.http());
            for (String body : List.of("{\"level\":\"LOUD\"}", "{\"level\":3}", "{}", "not json")) {
                RestClient.Reply refused = rest.postJson(ORDERS_LOGGER, body);
                assertThat(body, refused.status(), is(400));
                assertThat(body, refused.contentType(), containsString("application/problem+json"));
            }
            assertThat(rest.postJson(ORDERS_LOGGER, "{\"level\":\"LOUD\"}").body().path("detail").asText(),
                       containsString("Unknown level 'LOUD'"));
            assertThat(Logger.getLogger("io.orderstream.orders").getLevel(), is((Level) null));
        }
    }

    /** Submits an order and waits until it is confirmed (its last line is logged before that shows). */
    private static String confirmed(RestClient rest) throws Exception {
        String orderId = rest.submit(ORDER);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        String status = "";
        while (!status.equals("confirmed") && System.nanoTime() < deadline) {
            Thread.sleep(20);
            status = rest.get("/api/orders/" + orderId).body().get("status").asText();
        }
        assertThat(status, is("confirmed"));
        return orderId;
    }

    private static List<String> linesOf(LogCapture log, String orderId) {
        return log.records().stream()
                .filter(line -> line.contains("io.orderstream.orders") && line.contains("Order " + orderId + " "))
                .toList();
    }
}
