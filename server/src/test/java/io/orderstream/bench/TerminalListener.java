package io.orderstream.bench;

import java.io.IOException;
import java.net.http.WebSocket;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Listens to one order's {@code /api/orders/status/{orderId}} WebSocket until its terminal
 * message. The JDK calls a listener's methods one at a time, so its state needs no lock.
 */
final class TerminalListener implements WebSocket.Listener {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> TERMINAL = Set.of("confirmed", "failed", "cancelled");

    private final CompletableFuture<Outcome.Arrival> arrival = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();

    /**
     * Completed with the terminal message, or exceptionally when the socket ends without one.
     *
     * @return the arrival
     */
    CompletableFuture<Outcome.Arrival> arrival() {
        return arrival;
    }

    /**
     * Ends the wait when the socket could not be opened.
     *
     * @param failure why
     */
    void failed(Throwable failure) {
        arrival.completeExceptionally(failure);
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        // Messages are a few hundred bytes and end with the close: take them as they come.
        webSocket.request(Long.MAX_VALUE);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            String text = partial.toString();
            partial.setLength(0);
            String type = type(text);
            if (TERMINAL.contains(type)) {
                arrival.complete(Outcome.Arrival.now("confirmed".equals(type)));
            }
        }
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        // After the terminal message this is the expected 1000 and changes nothing.
        arrival.completeExceptionally(new Outcome.WatchEnded("closed " + statusCode + " " + reason
                                                                     + " before the end"));
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        arrival.completeExceptionally(error);
    }

    private String type(String text) {
        try {
            JsonNode message = JSON.readTree(text);
            return message.path("type").asText("");
        } catch (IOException e) {
            arrival.completeExceptionally(new Outcome.WatchEnded("a message that is not JSON"));
            return "";
        }
    }
}
