package io.orderstream.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import javax.net.ssl.SSLContext;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A small JSON-over-HTTP client for tests, on the JDK's HTTP client.
 */
public final class RestClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client;
    private final String base;

    /**
     * Creates a client.
     *
     * @param base e.g. {@code http://127.0.0.1:41234}
     */
    public RestClient(String base) {
        this(base, HttpClient.newBuilder());
    }

    /**
     * Creates a client of a gateway that serves TLS.
     *
     * @param base e.g. {@code https://127.0.0.1:41234}
     * @param tls  trusts the gateway's certificate
     */
    public RestClient(String base, SSLContext tls) {
        this(base, HttpClient.newBuilder().sslContext(tls));
    }

    private RestClient(String base, HttpClient.Builder client) {
        this.base = base;
        this.client = client.version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** A response: status, content type, parsed JSON body, its text and its headers. */
    public record Reply(int status, String contentType, JsonNode body, String text, HttpHeaders headers) {
    }

    /**
     * The HTTP client, also for WebSockets.
     *
     * @return client
     */
    public HttpClient http() {
        return client;
    }

    public Reply get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    public Reply postJson(String path, String body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    public Reply post(HttpRequest.Builder request) throws IOException, InterruptedException {
        return send(request);
    }

    /**
     * Submits an order and answers its id.
     *
     * @param body order JSON
     * @return order id
     */
    public String submit(String body) throws IOException, InterruptedException {
        Reply reply = postJson("/api/orders/execute", body);
        if (reply.status() != 200) {
            throw new AssertionError("Submit failed: " + reply.status() + " " + reply.text());
        }
        return reply.body().get("orderId").asText();
    }

    /**
     * Builds a request to this server.
     *
     * @param path path and query
     * @return request builder
     */
    public HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10));
    }

    private Reply send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(request.timeout(Duration.ofSeconds(10)).build(),
                                                    HttpResponse.BodyHandlers.ofString());
        JsonNode body = null;
        String text = response.body();
        if (text != null && !text.isBlank()) {
            try {
                body = JSON.readTree(text);
            } catch (IOException e) {
                // Not every answer is JSON (the browser page is HTML): the text is kept for those.
                body = null;
            }
        }
        return new Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), body, text,
                         response.headers());
    }
}
