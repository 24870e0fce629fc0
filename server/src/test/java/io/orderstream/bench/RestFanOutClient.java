package io.orderstream.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The REST and WebSocket faces for the fan-out mode: {@code POST /api/orders/execute}, then
 * WebSockets on {@code /api/orders/status/{orderId}} spread over a few JDK HTTP clients (each
 * with its own selector thread), as one client process holding many sockets would have them.
 */
final class RestFanOutClient implements FanOutClient {
    /** HTTP clients the sockets are spread over. */
    static final int HTTP_CLIENTS = 4;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ORDER = "{\"tokenIn\":\"SOL\",\"tokenOut\":\"USDC\",\"amount\":1,\"slippage\":1}";
    private static final Duration TIMEOUT = OrderClient.SUBMIT_LIMIT;

    private final List<Endpoint> gateways;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final List<HttpClient> clients;

    /**
     * HTTP clients for some gateways.
     *
     * @param gateways where to submit (the first) and watch (all, in turn)
     */
    RestFanOutClient(List<Endpoint> gateways) {
        this.gateways = List.copyOf(gateways);
        // HTTP/1.1, as the WebSocket handshake is; the JDK's default would first try an h2c upgrade.
        this.clients = IntStream.range(0, HTTP_CLIENTS)
                .mapToObj(i -> HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(TIMEOUT)
                        .executor(executor)
                        .build())
                .toList();
    }

    @Override
    public String submit() throws IOException, InterruptedException {
        String reply = post("submit", "/api/orders/execute", HttpRequest.BodyPublishers.ofString(ORDER));
        String orderId = JSON.readTree(reply).path("orderId").asText("");
        if (orderId.isEmpty()) {
            throw new IOException("submit: answer without orderId");
        }
        return orderId;
    }

    @Override
    public void cancel(String orderId) throws IOException, InterruptedException {
        post("cancel", "/api/orders/" + orderId + "/cancel", HttpRequest.BodyPublishers.noBody());
    }

    @Override
    public Watcher<?> watch(String orderId, int n) {
        Endpoint gateway = gateways.get(n % gateways.size());
        return SocketWatcher.open(clients.get(n % clients.size()),
                                  URI.create(gateway.ws() + "/api/orders/status/" + orderId), TIMEOUT);
    }

    @Override
    public void close() {
        clients.forEach(HttpClient::shutdownNow);
        executor.shutdownNow();
    }

    private String post(String what, String path, HttpRequest.BodyPublisher body)
            throws IOException, InterruptedException {
        HttpResponse<String> reply;
        try {
            reply = clients.getFirst().send(HttpRequest.newBuilder(URI.create(gateways.getFirst().http() + path))
                                                    .timeout(TIMEOUT)
                                                    .header("Content-Type", "application/json")
                                                    .POST(body)
                                                    .build(),
                                            HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new IOException(what + ": no answer within " + TIMEOUT.toSeconds() + " s", e);
        }
        if (reply.statusCode() != 200) {
            throw new IOException(what + ": HTTP " + reply.statusCode());
        }
        return reply.body();
    }
}
