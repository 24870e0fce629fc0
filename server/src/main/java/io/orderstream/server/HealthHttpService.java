package io.orderstream.server;

import java.time.Duration;
import java.time.Instant;
import java.util.function.IntSupplier;

import io.orderstream.error.StoreUnavailableException;
import io.orderstream.json.OrderJson;
import io.orderstream.store.OrderClaims;
import io.orderstream.watch.BroadcastRegistry;
import io.orderstream.watch.WatchCounts;
import io.orderstream.ws.WsSessions;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code GET /health}: liveness with the gateway's live connection counts, as the Node.js
 * system answered it. Helidon's {@code /observe/health} is the probe for orchestrators.
 */
final class HealthHttpService implements HttpService {
    private final Instant started = Instant.now();
    private final BroadcastRegistry registry;
    private final WsSessions sessions;
    private final OrderClaims queue;
    private final IntSupplier ordersInFlight;

    HealthHttpService(BroadcastRegistry registry, WsSessions sessions, OrderClaims queue, IntSupplier ordersInFlight) {
        this.registry = registry;
        this.sessions = sessions;
        this.queue = queue;
        this.ordersInFlight = ordersInFlight;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::health);
    }

    private void health(ServerRequest req, ServerResponse res) {
        WatchCounts watches = registry.counts();
        ObjectNode json = OrderJson.MAPPER.createObjectNode();
        json.put("status", "ok");
        json.put("timestamp", OrderJson.timestamp(Instant.now()));
        json.put("uptimeSeconds", Duration.between(started, Instant.now()).toSeconds());
        ObjectNode connections = json.putObject("connections");
        connections.put("orderSockets", sessions.count(false));
        connections.put("multiSockets", sessions.count(true));
        connections.put("multiSocketSubscriptions", watches.multiSocket());
        connections.put("grpcWatches", watches.grpc());
        connections.put("watchedOrders", watches.watchedOrders());
        ObjectNode orders = json.putObject("orders");
        orders.put("inFlight", ordersInFlight.getAsInt());
        try {
            orders.put("queued", queue.depth());
        } catch (StoreUnavailableException e) {
            // Live watchers are still served from the bus; the rest waits for the database.
            json.put("status", "degraded");
            json.put("queue", "unavailable: " + e.getMessage());
        }
        res.send(json);
    }
}
