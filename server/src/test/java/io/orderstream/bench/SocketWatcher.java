package io.orderstream.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A watcher on {@code /api/orders/status/{orderId}}: attached by the {@code subscribed} message;
 * every later message is kept as text. The JDK calls a listener's methods one at a time.
 */
final class SocketWatcher extends Watcher<String> implements WebSocket.Listener {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> TERMINAL = Set.of("confirmed", "failed", "cancelled");

    private final StringBuilder partial = new StringBuilder();
    private long partialNanos;
    private long partialWallNanos;
    private volatile CompletableFuture<WebSocket> socket;

    private SocketWatcher() {
    }

    /**
     * Opens the WebSocket.
     *
     * @param http    the client that holds it
     * @param uri     {@code ws://.../api/orders/status/{orderId}}
     * @param timeout longest handshake
     * @return the watcher, opening
     */
    static SocketWatcher open(HttpClient http, URI uri, Duration timeout) {
        SocketWatcher watcher = new SocketWatcher();
        watcher.socket = http.newWebSocketBuilder()
                .connectTimeout(timeout)
                .buildAsync(uri, watcher)
                .whenComplete((open, failure) -> {
                    if (failure != null) {
                        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                                ? failure.getCause() : failure;
                        watcher.endedWith("open: " + Outcome.describe(cause));
                    }
                });
        return watcher;
    }

    @Override
    void close() {
        socket.thenAccept(WebSocket::abort);
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        // Messages are a few hundred bytes and end with the close: take them as they come.
        webSocket.request(Long.MAX_VALUE);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        // A message arrives when its first part does.
        if (partial.isEmpty()) {
            partialNanos = System.nanoTime();
            partialWallNanos = wallNanos();
        }
        partial.append(data);
        if (last) {
            String text = partial.toString();
            partial.setLength(0);
            if (isAttached()) {
                arrived(text, partialNanos, partialWallNanos);
            } else if ("subscribed".equals(field(text, "type"))) {
                attachedAt(partialNanos);
            }
        }
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        // 1000 follows the terminal event; whether that came is the round's to judge.
        endedWith(statusCode == WebSocket.NORMAL_CLOSURE ? null : "closed " + statusCode + " " + reason);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        endedWith("socket: " + Outcome.describe(error));
    }

    @Override
    Optional<Receipt> decode(String message, long nanos, long wallNanos) {
        try {
            JsonNode json = JSON.readTree(message);
            if (!json.path("seq").canConvertToLong() || !json.path("timestamp").isTextual()) {
                return Optional.empty();
            }
            Instant stamped = Instant.parse(json.path("timestamp").asText());
            return Optional.of(new Receipt(json.path("seq").asLong(), nanos, wallNanos, epochNanos(stamped),
                                           TERMINAL.contains(json.path("type").asText(""))));
        } catch (IOException | DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static String field(String message, String name) {
        try {
            return JSON.readTree(message).path(name).asText("");
        } catch (IOException e) {
            return "";
        }
    }
}
