package io.orderstream.server;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

import io.orderstream.watch.BroadcastRegistry;
import io.orderstream.ws.WsSessions;

import io.helidon.metrics.api.FunctionalCounter;
import io.helidon.metrics.api.Gauge;
import io.helidon.metrics.api.Meter;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Metrics;
import io.helidon.metrics.api.Tag;

/**
 * The gateway's live counts as gauges in Helidon's meter registry (Micrometer underneath),
 * scraped in Prometheus format at {@code /observe/metrics}. Removed again on close, so a
 * gateway stopped in a running JVM leaves nothing behind.
 */
final class GatewayMetrics implements AutoCloseable {
    private final MeterRegistry registry = Metrics.globalRegistry();
    private final List<Meter> meters = new ArrayList<>();

    GatewayMetrics(BroadcastRegistry watches, WsSessions sessions, IntSupplier ordersInFlight) {
        gauge("orderstream.watches", "Live watches by face", "face", "grpc", () -> watches.counts().grpc());
        gauge("orderstream.watches", "Live watches by face", "face", "order-socket",
              () -> watches.counts().orderSockets());
        gauge("orderstream.watches", "Live watches by face", "face", "multi-socket",
              () -> watches.counts().multiSocket());
        gauge("orderstream.watched.orders", "Orders with at least one watcher here", null, null,
              () -> watches.counts().watchedOrders());
        gauge("orderstream.websocket.sessions", "Open WebSocket sessions by endpoint", "endpoint", "order",
              () -> sessions.count(false));
        gauge("orderstream.websocket.sessions", "Open WebSocket sessions by endpoint", "endpoint", "multi",
              () -> sessions.count(true));
        gauge("orderstream.orders.in.flight", "Orders the in-process worker is executing", null, null,
              ordersInFlight::getAsInt);
        meters.add(registry.getOrCreate(FunctionalCounter.builder("orderstream.watch.store.reads", watches,
                                                                  BroadcastRegistry::storeReads)
                .description("Reads of an order's events for its watchers: once per watched order, gap, "
                                     + "bus recovery and quiet period, never once per watcher")));
    }

    private void gauge(String name, String description, String tag, String value, Supplier<Integer> count) {
        Gauge.Builder<Integer> builder = Gauge.builder(name, count).description(description);
        if (tag != null) {
            builder.tags(List.of(Tag.create(tag, value)));
        }
        meters.add(registry.getOrCreate(builder));
    }

    @Override
    public void close() {
        meters.forEach(registry::remove);
    }
}
