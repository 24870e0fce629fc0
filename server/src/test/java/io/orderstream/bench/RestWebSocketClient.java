package io.orderstream.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.net.http.WebSocket;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A user of the REST and WebSocket faces: {@code POST /api/orders/execute}, then a WebSocket on
 * {@code /api/orders/status/{orderId}} until the terminal message. With several gateways it
 * watches each order on the gateway after the one it submitted to, so that every event crosses
 * from the worker to another gateway than the one that took the order.
 */
final class RestWebSocketClient implements OrderClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ORDER = "{\"tokenIn\":\"SOL\",\"tokenOut\":\"USDC\",\"amount\":1,\"slippage\":1}";

    private final HttpClient http;
    private final List<Endpoint> gateways;

    /**
     * A client of some gateways.
     *
     * @param http     the program's one HTTP client, for requests and WebSockets alike
     * @param gateways where to submit and watch
     */
    RestWebSocketClient(HttpClient http, List<Endpoint> gateways) {
        this.http = http;
        this.gateways = List.copyOf(gateways);
    }

    @Override
    public Outcome execute(int n) throws InterruptedException {
        long submitted = System.nanoTime();
        String orderId;
        try {
            HttpResponse<String> reply = http.send(
                    HttpRequest.newBuilder(URI.create(gateways.get(n % gateways.size()).http() + "/api/orders/execute"))
                            .timeout(SUBMIT_LIMIT)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(ORDER))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (reply.statusCode() != 200) {
                return Outcome.error(submitted, "submit: HTTP " + reply.statusCode());
            }
            orderId = JSON.readTree(reply.body()).path("orderId").asText("");
        } catch (HttpTimeoutException e) {
            return Outcome.error(submitted, "submit: no answer within " + SUBMIT_LIMIT.toSeconds() + " s");
        } catch (IOException e) {
            return Outcome.error(submitted, "submit: " + Outcome.describe(e));
        }
        if (orderId.isEmpty()) {
            return Outcome.error(submitted, "submit: answer without orderId");
        }
        TerminalListener listener = new TerminalListener();
        URI status = URI.create(gateways.get((n + 1) % gateways.size()).ws() + "/api/orders/status/" + orderId);
        CompletableFuture<WebSocket> socket = http.newWebSocketBuilder()
                .connectTimeout(SUBMIT_LIMIT)
                .buildAsync(status, listener)
                .whenComplete((open, failure) -> {
                    if (failure != null) {
                        listener.failed(failure);
                    }
                });
        // A late or broken watch is dropped at once; a finished one is closed by the server (1000).
        return Outcome.await(listener.arrival(), submitted, () -> socket.thenAccept(WebSocket::abort));
    }

    @Override
    public void close() {
        // The HTTP client belongs to the program and outlives this client.
    }
}
