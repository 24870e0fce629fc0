package io.orderstream.server;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import io.orderstream.testing.LogCapture;
import io.orderstream.testing.RestClient;
import io.orderstream.testing.TestGateway;
import io.orderstream.testing.WsRecorder;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A gateway asked to stop drains: readiness reads DOWN while it does, its watchers are told to
 * reconnect (1012), and its in-process worker lets the executions in flight end instead of
 * cutting them off. Only what outlasts the drain time is handed back, to resume from its last step.
 */
class DrainTest {
    private static final String ORDER = "{\"tokenIn\":\"SOL\",\"tokenOut\":\"USDC\",\"amount\":1,\"slippage\":0.5}";

    @TempDir
    Path data;

    @Test
    void executionsInFlightFinishWhileReadinessIsDownAndWatchersAreToldToReconnect() throws Exception {
        String db = dbUrl("finish");
        String orderId;
        // About two seconds per order: the stop comes while it executes.
        Map<String, String> settings = Map.of("orderstream.db.url", db,
                                              "orderstream.dex.latency.scale", "2",
                                              "orderstream.drain.timeout.seconds", "20");
        try (LogCapture log = LogCapture.start()) {
            TestGateway gateway = TestGateway.start(settings);
            CompletableFuture<Void> closed;
            try {
                RestClient rest = new RestClient(gateway.http());
                orderId = rest.submit(ORDER);
                WsRecorder watcher = WsRecorder.connect(rest.http(), gateway.ws() + "/api/orders/status/" + orderId);
                awaitType(watcher, "routing");

                closed = CompletableFuture.runAsync(gateway::close, runnable -> Thread.ofVirtual().start(runnable));
                // Its socket ends before its order does (the code itself, 1012, is CleanupTest's: here a
                // client now and then finds the connection gone before it read the close frame, 1006).
                assertThat(watcher.awaitClose().code(), is(not(1000)));
                HttpResponse<String> ready = awaitReadinessDown(rest, gateway.http());
                assertThat(ready.body(), containsString("draining"));
                // A new watcher is sent elsewhere before its socket opens; REST is still served.
                HttpResponse<?> refused = refusedUpgrade(rest, gateway.ws() + "/api/orders/status/" + orderId);
                assertThat(refused.statusCode(), is(503));
                assertThat(refused.headers().firstValue("content-type").orElse(""),
                           is("application/problem+json"));
                assertThat(rest.get("/api/orders/" + orderId).status(), is(200));
            } catch (Exception | AssertionError e) {
                gateway.close();
                throw e;
            }
            closed.get(30, TimeUnit.SECONDS);
            assertThat(log.records(), hasItem(containsString("orders handed back unfinished: 0")));
        }
        // The order ended during the drain: as stored, without a worker to run it again.
        try (TestGateway again = TestGateway.start(Map.of("orderstream.db.url", db,
                                                          "orderstream.worker.enabled", "false"))) {
            JsonNode order = new RestClient(again.http()).get("/api/orders/" + orderId).body();
            assertThat(order.get("status").asText(), is("confirmed"));
        }
    }

    @Test
    void anExecutionThatOutlastsTheDrainIsHandedBackAndResumesLater() throws Exception {
        String db = dbUrl("handback");
        String orderId;
        try (LogCapture log = LogCapture.start()) {
            try (TestGateway gateway = TestGateway.start(Map.of("orderstream.db.url", db,
                                                                "orderstream.dex.latency.scale", "10",
                                                                "orderstream.dex.timeout.millis", "20000",
                                                                "orderstream.drain.timeout.seconds", "1"))) {
                RestClient rest = new RestClient(gateway.http());
                orderId = rest.submit(ORDER);
                WsRecorder watcher = WsRecorder.connect(rest.http(), gateway.ws() + "/api/orders/status/" + orderId);
                awaitType(watcher, "routing");
            }
            assertThat(log.records(), hasItem(containsString("orders handed back unfinished: 1")));
        }
        try (TestGateway again = TestGateway.start(Map.of("orderstream.db.url", db))) {
            RestClient rest = new RestClient(again.http());
            WsRecorder watcher = WsRecorder.connect(rest.http(), again.ws() + "/api/orders/status/" + orderId);
            awaitType(watcher, "confirmed");
        }
    }

    private String dbUrl(String name) throws Exception {
        return "jdbc:h2:file:" + Files.createDirectories(data.resolve(name)).resolve("orders").toAbsolutePath()
                + ";DATABASE_TO_LOWER=TRUE";
    }

    private static void awaitType(WsRecorder watcher, String type) throws Exception {
        JsonNode message;
        do {
            message = watcher.next();
        } while (!message.path("type").asText().equals(type));
    }

    /** The response that refused a WebSocket upgrade, which must be refused. */
    private static HttpResponse<?> refusedUpgrade(RestClient rest, String url) {
        CompletionException failed = assertThrows(CompletionException.class, () -> rest.http().newWebSocketBuilder()
                .buildAsync(URI.create(url), new WebSocket.Listener() { }).join());
        assertThat(failed.getCause(), instanceOf(WebSocketHandshakeException.class));
        return ((WebSocketHandshakeException) failed.getCause()).getResponse();
    }

    /** Readiness while the gateway drains; the HTTP port still answers until the drain ends. */
    private static HttpResponse<String> awaitReadinessDown(RestClient rest, String base) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/observe/health/ready"))
                .timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        HttpResponse<String> response;
        do {
            response = rest.http().send(request, HttpResponse.BodyHandlers.ofString());
        } while (response.statusCode() != 503 && System.nanoTime() < deadline);
        assertThat(response.statusCode(), is(503));
        return response;
    }
}
