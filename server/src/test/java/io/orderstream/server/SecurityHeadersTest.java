package io.orderstream.server;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import io.orderstream.testing.TestGateway;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

/**
 * The console page forbids framing and foreign scripts and connections; no answer may be
 * content-sniffed.
 */
class SecurityHeadersTest {
    @Test
    void theConsoleAndTheApiCarryTheirSecurityHeaders() throws Exception {
        try (TestGateway gateway = TestGateway.start(Map.of("orderstream.worker.enabled", "false"));
             HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<String> page = get(client, gateway.http() + "/");
            assertThat(page.statusCode(), is(200));
            String policy = page.headers().firstValue("Content-Security-Policy").orElse("");
            assertThat(policy, containsString("default-src 'self'"));
            assertThat(policy, containsString("frame-ancestors 'none'"));
            assertThat(page.headers().firstValue("X-Frame-Options").orElse(""), is("DENY"));
            assertThat(page.headers().firstValue("X-Content-Type-Options").orElse(""), is("nosniff"));

            HttpResponse<String> api = get(client, gateway.http() + "/api/orders");
            assertThat(api.statusCode(), is(200));
            assertThat(api.headers().firstValue("X-Content-Type-Options").orElse(""), is("nosniff"));
            assertThat(api.headers().firstValue("Referrer-Policy").orElse(""), is("no-referrer"));
        }
    }

    private static HttpResponse<String> get(HttpClient client, String url) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build(),
                           HttpResponse.BodyHandlers.ofString());
    }
}
