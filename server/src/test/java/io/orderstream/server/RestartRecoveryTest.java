package io.orderstream.server;

import java.util.Map;
import java.util.UUID;

import io.orderstream.testing.RestClient;
import io.orderstream.testing.Steps;
import io.orderstream.testing.TestGateway;
import io.orderstream.testing.WsRecorder;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

/**
 * A gateway stopped while orders are in flight finishes them after it starts again on the same
 * database: the in-process queue is refilled from the store, and each order resumes from its
 * last stored step.
 */
class RestartRecoveryTest {
    @Test
    void unfinishedOrdersResumeAfterARestart() throws Exception {
        // An in-memory database that outlives each gateway within this JVM, as a file would.
        Map<String, String> settings = Map.of(
                "orderstream.db.url", "jdbc:h2:mem:restart-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;DATABASE_TO_LOWER=TRUE",
                "orderstream.dex.latency.scale", "1");
        String orderId;
        try (TestGateway first = TestGateway.start(settings)) {
            RestClient rest = new RestClient(first.http());
            orderId = rest.submit("{\"tokenIn\":\"SOL\",\"tokenOut\":\"USDC\",\"amount\":3}");
            try (WsRecorder ws = WsRecorder.connect(rest.http(), first.ws() + "/api/orders/status/" + orderId)) {
                ws.next();
                ws.next();
                JsonNode event = ws.next();
                while (!event.get("type").asText().equals("routing")) {
                    event = ws.next();
                }
            }
        }
        try (TestGateway second = TestGateway.start(settings)) {
            RestClient rest = new RestClient(second.http());
            assertThat(rest.get("/api/orders/" + orderId).body().get("status").asText(), not(is("confirmed")));
            try (WsRecorder ws = WsRecorder.connect(rest.http(), second.ws() + "/api/orders/status/" + orderId)) {
                ws.next();
                ws.next();
                var steps = ws.drainUntilClosed().stream()
                        .map(e -> new Steps.Step(e.get("seq").asLong(), e.get("type").asText(), e.get("progress").asInt()))
                        .toList();
                Steps.assertLife(steps, "confirmed");
            }
        }
    }
}
