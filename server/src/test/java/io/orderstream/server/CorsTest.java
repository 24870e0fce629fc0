package io.orderstream.server;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.orderstream.testing.TestGateway;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

/**
 * Pages of other origins may call the order API only when their origin is allowed
 * ({@code orderstream.cors.origins}): a preflight is answered for them, with the headers a client
 * sends and reads, and for no one else.
 */
class CorsTest {
    private static final String ALLOWED = "https://app.example.com";
    private static final String FOREIGN = "https://evil.example";

    @Test
    void withoutAllowedOriginsNoPageOfAnotherOriginIsAnswered() throws Exception {
        try (TestGateway gateway = TestGateway.start(Map.of("orderstream.worker.enabled", "false"));
             HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<String> preflight = preflight(client, gateway, ALLOWED);
            assertThat(allowOrigin(preflight), is(Optional.empty()));
            HttpResponse<String> list = get(client, gateway, ALLOWED);
            assertThat(allowOrigin(list), is(Optional.empty()));
        }
    }

    @Test
    void anAllowedOriginGetsItsPreflightAndOthersDoNot() throws Exception {
        try (TestGateway gateway = TestGateway.start(Map.of("orderstream.worker.enabled", "false",
                                                            "orderstream.cors.origins", ALLOWED));
             HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<String> preflight = preflight(client, gateway, ALLOWED);
            assertThat(preflight.statusCode(), is(204));
            assertThat(allowOrigin(preflight), is(Optional.of(ALLOWED)));
            String headers = preflight.headers().firstValue("Access-Control-Allow-Headers").orElse("").toLowerCase();
            assertThat(headers, containsString("authorization"));
            assertThat(headers, containsString("idempotency-key"));
            assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods").orElse(""), containsString("POST"));

            assertThat(allowOrigin(get(client, gateway, ALLOWED)), is(Optional.of(ALLOWED)));

            HttpResponse<String> foreign = preflight(client, gateway, FOREIGN);
            assertThat(allowOrigin(foreign), is(Optional.empty()));
            assertThat(foreign.statusCode(), is(403));
        }
    }

    private static HttpResponse<String> preflight(HttpClient client, TestGateway gateway, String origin) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(gateway.http() + "/api/orders/execute"))
                                   .timeout(Duration.ofSeconds(10))
                                   .header("Origin", origin)
                                   .header("Access-Control-Request-Method", "POST")
                                   .header("Access-Control-Request-Headers", "authorization,content-type,idempotency-key")
                                   .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build(),
                           HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(HttpClient client, TestGateway gateway, String origin) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(gateway.http() + "/api/orders"))
                                   .timeout(Duration.ofSeconds(10)).header("Origin", origin).GET().build(),
                           HttpResponse.BodyHandlers.ofString());
    }

    private static Optional<String> allowOrigin(HttpResponse<String> response) {
        return response.headers().firstValue("Access-Control-Allow-Origin");
    }
}
