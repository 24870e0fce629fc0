package io.orderstream.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** The floor server speaks the part of the contract a fan-out client uses, and stops by itself. */
class FloorServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void watcherGetsSubscribedThenSixEventsInSeqOrderAndTheServerStops() throws Exception {
        FloorServer server = new FloorServer(0, 1, 300, 10);
        Thread serving = Thread.ofPlatform().name("floor-server").start(() -> {
            try {
                server.serve();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        try (HttpClient http = HttpClient.newHttpClient()) {
            String base = "http://127.0.0.1:" + server.port();
            HttpResponse<String> unknown = http.send(HttpRequest.newBuilder(URI.create(base + "/nothing")).build(),
                                                     HttpResponse.BodyHandlers.ofString());
            assertEquals(404, unknown.statusCode());

            HttpResponse<String> submitted = http.send(
                    HttpRequest.newBuilder(URI.create(base + "/api/orders/execute"))
                            .POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(201, submitted.statusCode());
            String orderId = JSON.readTree(submitted.body()).path("orderId").asText();

            BlockingQueue<String> received = new LinkedBlockingQueue<>();
            WebSocket socket = http.newWebSocketBuilder()
                    .buildAsync(URI.create("ws://127.0.0.1:" + server.port() + "/api/orders/status/" + orderId),
                                new WebSocket.Listener() {
                                    @Override
                                    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                                        received.add(data.toString());
                                        ws.request(1);
                                        return null;
                                    }
                                })
                    .get(5, TimeUnit.SECONDS);

            assertEquals("subscribed", next(received).path("type").asText());
            List<String> types = List.of("routing", "routing", "building", "building", "submitted", "confirmed");
            for (int i = 0; i < types.size(); i++) {
                JsonNode event = next(received);
                assertEquals(types.get(i), event.path("type").asText());
                assertEquals(orderId, event.path("orderId").asText());
                assertEquals(i + 2, event.path("seq").asLong());
                assertNotNull(Instant.parse(event.path("timestamp").asText()));
            }
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(5, TimeUnit.SECONDS);
        }
        serving.join(Duration.ofSeconds(5));
        assertFalse(serving.isAlive(), "the server stops once its one order has sent its last event");
    }

    private static JsonNode next(BlockingQueue<String> received) throws Exception {
        String message = received.poll(10, TimeUnit.SECONDS);
        assertNotNull(message, "no message within 10 s");
        return JSON.readTree(message);
    }
}
