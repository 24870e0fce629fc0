package io.orderstream.server;

import io.orderstream.metrics.MeterSet;
import io.orderstream.watch.BroadcastRegistry;
import io.orderstream.ws.WsSessions;

/**
 * The gateway's live counts as gauges, read when {@code /observe/metrics} is scraped: watches
 * by face, watched orders, WebSocket sessions, and the registry's store reads.
 */
final class GatewayMetrics {
    private GatewayMetrics() {
    }

    /**
     * Registers the gauges.
     *
     * @param meters   where, until it closes
     * @param watches  the broadcast registry
     * @param sessions the WebSocket sessions
     */
    static void register(MeterSet meters, BroadcastRegistry watches, WsSessions sessions) {
        String watchesHelp = "Live watches by face";
        meters.gauge("orderstream.watches", watchesHelp, null, () -> watches.counts().grpc(), "face", "grpc");
        meters.gauge("orderstream.watches", watchesHelp, null, () -> watches.counts().orderSockets(),
                     "face", "order-socket");
        meters.gauge("orderstream.watches", watchesHelp, null, () -> watches.counts().multiSocket(),
                     "face", "multi-socket");
        meters.gauge("orderstream.watched.orders", "Orders with at least one watcher here", null,
                     () -> watches.counts().watchedOrders());
        String sessionsHelp = "Open WebSocket sessions by endpoint";
        meters.gauge("orderstream.websocket.sessions", sessionsHelp, null, () -> sessions.count(false),
                     "endpoint", "order");
        meters.gauge("orderstream.websocket.sessions", sessionsHelp, null, () -> sessions.count(true),
                     "endpoint", "multi");
        meters.functionalCounter("orderstream.watch.store.reads",
                                 "Reads of an order's events for its watchers: once per watched order, gap, "
                                         + "bus recovery and quiet period, never once per watcher",
                                 watches, BroadcastRegistry::storeReads);
    }
}
