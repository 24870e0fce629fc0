package io.orderstream.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A JDK WebSocket client that records what the server sends: JSON messages in order, and the
 * close code and reason.
 */
public final class WsRecorder implements WebSocket.Listener, AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
    private final CompletableFuture<Closed> closed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private WebSocket socket;

    /** How the server closed the connection. */
    public record Closed(int code, String reason) {
    }

    /**
     * Connects.
     *
     * @param client the HTTP client
     * @param uri    WebSocket URI
     * @return the connected recorder
     */
    public static WsRecorder connect(HttpClient client, String uri) {
        return connect(client, uri, Map.of());
    }

    /**
     * Connects with headers on the upgrade request.
     *
     * @param client  the HTTP client
     * @param uri     WebSocket URI
     * @param headers e.g. {@code Authorization}
     * @return the connected recorder
     */
    public static WsRecorder connect(HttpClient client, String uri, Map<String, String> headers) {
        WsRecorder recorder = new WsRecorder();
        WebSocket.Builder builder = client.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
        headers.forEach(builder::header);
        recorder.socket = builder.buildAsync(URI.create(uri), recorder).join();
        return recorder;
    }

    /**
     * Tries to connect where the server is expected to refuse the upgrade.
     *
     * @param client  the HTTP client
     * @param uri     WebSocket URI
     * @param headers headers of the upgrade request
     * @return the server's answer instead of 101
     * @throws AssertionError when the connection opens
     */
    public static HttpResponse<?> refusal(HttpClient client, String uri, Map<String, String> headers) {
        WebSocket.Builder builder = client.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
        headers.forEach(builder::header);
        try {
            WebSocket opened = builder.buildAsync(URI.create(uri), new WsRecorder()).join();
            opened.abort();
        } catch (CompletionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) {
                return refused.getResponse();
            }
            throw e;
        }
        throw new AssertionError("The server accepted the WebSocket " + uri);
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            try {
                messages.add(JSON.readTree(partial.toString()));
            } catch (Exception e) {
                closed.completeExceptionally(e);
            }
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(new Closed(statusCode, reason));
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.completeExceptionally(error);
    }

    /**
     * Sends a text message.
     *
     * @param text the message
     */
    public void send(String text) {
        socket.sendText(text, true).join();
    }

    /**
     * The next message, waiting up to 10 s.
     *
     * @return the message
     * @throws AssertionError when none arrives
     */
    public JsonNode next() throws InterruptedException {
        JsonNode message = messages.poll(10, TimeUnit.SECONDS);
        if (message == null) {
            throw new AssertionError("No WebSocket message within 10 s");
        }
        return message;
    }

    /**
     * The next message, waiting up to {@code wait}.
     *
     * @param wait how long to wait
     * @return the message, or null if none came
     */
    public JsonNode poll(Duration wait) throws InterruptedException {
        return messages.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Waits for the server to close the connection and returns every message received.
     *
     * @return all messages not yet taken by {@link #next()}
     */
    public List<JsonNode> drainUntilClosed() throws Exception {
        awaitClose();
        List<JsonNode> rest = new ArrayList<>();
        messages.drainTo(rest);
        return rest;
    }

    /**
     * How the server closed the connection, waiting up to 20 s.
     *
     * @return close code and reason
     */
    public Closed awaitClose() throws Exception {
        return closed.get(20, TimeUnit.SECONDS);
    }

    /**
     * Whether the server closed the connection already.
     *
     * @return true once closed
     */
    public boolean isClosed() {
        return closed.isDone();
    }

    /** Aborts the connection without a close handshake, as a dropped network does. */
    public void abort() {
        socket.abort();
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally(e -> null);
        }
        socket.abort();
    }
}
