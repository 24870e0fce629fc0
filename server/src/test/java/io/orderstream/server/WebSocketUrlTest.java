package io.orderstream.server;

import java.time.Duration;
import java.util.Map;

import io.orderstream.json.OrderJson;
import io.orderstream.testing.RawHttp;
import io.orderstream.testing.TestGateway;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The {@code wsUrl} a submit answers names the gateway as configured, or as the request reached
 * it, never as the request's own headers claim: a forged {@code Host} or
 * {@code X-Forwarded-Proto} is not echoed back to the client.
 */
class WebSocketUrlTest {
    private static final String ORDER = "{\"tokenIn\":\"SOL\",\"tokenOut\":\"USDC\",\"amount\":1}";

    @Test
    void forgedHostAndForwardedHeadersAreNotEchoed() throws Exception {
        try (TestGateway gateway = TestGateway.start(Map.of("orderstream.worker.enabled", "false"))) {
            JsonNode answer = submit(gateway.port(), "Host: evil.example\r\nX-Forwarded-Proto: https\r\n"
                    + "X-Forwarded-Host: evil.example\r\n");
            assertThat(answer.get("wsUrl").asText(), is("ws://127.0.0.1:" + gateway.port() + "/api/orders/status/"
                    + answer.get("orderId").asText()));
        }
    }

    @Test
    void theConfiguredPublicUrlNamesTheSocket() throws Exception {
        try (TestGateway gateway = TestGateway.start(Map.of("orderstream.worker.enabled", "false",
                                                            "orderstream.public.url", "https://orders.example.com/edge/"))) {
            JsonNode answer = submit(gateway.port(), "Host: evil.example\r\n");
            assertThat(answer.get("wsUrl").asText(), is("wss://orders.example.com/edge/api/orders/status/"
                    + answer.get("orderId").asText()));
        }
    }

    @Test
    void aPublicUrlThatIsNotOneRefusesTheStart() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> TestGateway.start(
                Map.of("orderstream.public.url", "orders.example.com")));
        assertThat(refused.getMessage().startsWith("orderstream.public.url must be"), is(true));
    }

    private static JsonNode submit(int port, String headers) throws Exception {
        RawHttp.Answer answer = RawHttp.exchange(port, "POST /api/orders/execute HTTP/1.1\r\n" + headers
                + "Content-Type: application/json\r\nContent-Length: " + ORDER.length() + "\r\n"
                + "Connection: close\r\n\r\n" + ORDER, Duration.ofSeconds(2));
        assertThat(answer.text(), answer.status(), is(200));
        return OrderJson.MAPPER.readTree(answer.body());
    }
}
