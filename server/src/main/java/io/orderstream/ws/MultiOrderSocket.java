package io.orderstream.ws;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

import io.orderstream.gateway.InvalidRequestException;
import io.orderstream.gateway.OrderIds;
import io.orderstream.gateway.OrderNotFoundException;
import io.orderstream.gateway.OrderService;
import io.orderstream.json.OrderJson;
import io.orderstream.order.Order;
import io.orderstream.order.OrderEvent;
import io.orderstream.watch.Backlog;
import io.orderstream.watch.BroadcastRegistry;
import io.orderstream.watch.Face;
import io.orderstream.watch.ShuttingDownException;
import io.orderstream.watch.Watch;
import io.orderstream.watch.WatchEnd;
import io.orderstream.watch.WatchSink;


import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * WebSocket {@code /ws}: one connection, many orders. Client messages:
 * {@code {"op":"subscribe","orderId":…,"afterSeq":…}}, {@code {"op":"unsubscribe","orderId":…}},
 * {@code {"op":"ping"}}. A bad message or subscription gets an {@code error} message naming it;
 * the connection and its other subscriptions carry on. After an order's terminal event its
 * subscription ends with an {@code unsubscribed} message.
 * <p>
 * One listener per connection; {@code subscriptions} is guarded by {@code lock}, because the
 * connection's reader and the watches' threads both change it.
 */
final class MultiOrderSocket extends TrackedSocket {
    static final String PATH = "/ws";

    private final OrderService orders;
    private final BroadcastRegistry registry;
    private final Backlog backlog;
    private final int maxSubscriptions;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, Watch> subscriptions = new HashMap<>();

    MultiOrderSocket(OrderService orders, BroadcastRegistry registry, WsSessions sessions, Backlog backlog,
                     int maxSubscriptions) {
        super(sessions, true);
        this.orders = orders;
        this.registry = registry;
        this.backlog = backlog;
        this.maxSubscriptions = maxSubscriptions;
    }

    @Override
    void opened(SessionWriter out) {
        out.send(WsMessages.connection(null));
    }

    @Override
    void received(SessionWriter out, String text) {
        JsonNode message;
        try {
            message = OrderJson.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            out.send(WsMessages.error(null, "malformed", "Messages must be JSON objects such as "
                    + "{\"op\":\"subscribe\",\"orderId\":\"...\"}"));
            return;
        }
        String op = message != null && message.isObject() ? message.path("op").asText("") : "";
        switch (op) {
        case "subscribe" -> subscribe(message);
        case "unsubscribe" -> unsubscribe(message);
        case "ping" -> out.send(WsMessages.pong());
        default -> out.send(WsMessages.error(null, "unknown-op",
                                             "Unknown op '" + op + "'; use subscribe, unsubscribe or ping"));
        }
    }

    private void subscribe(JsonNode message) {
        String rawId = message.path("orderId").asText("");
        try {
            String orderId = OrderIds.parse("orderId", rawId);
            long afterSeq = afterSeq(message.get("afterSeq"));
            Order order = orders.watchable(orderId, afterSeq);
            lock.lock();
            try {
                if (subscriptions.containsKey(orderId)) {
                    writer().send(WsMessages.error(orderId, "already-subscribed",
                                                 "Already subscribed to order " + orderId));
                    return;
                }
                if (subscriptions.size() >= maxSubscriptions) {
                    writer().send(WsMessages.error(orderId, "too-many-subscriptions",
                                                 "At most " + maxSubscriptions + " orders per connection"));
                    return;
                }
                writer().send(WsMessages.subscribed(orderId, afterSeq));
                subscriptions.put(orderId, registry.watch(order, afterSeq, Face.MULTI_SOCKET,
                                                          new SubscriptionSink(orderId), backlog));
            } finally {
                lock.unlock();
            }
        } catch (InvalidRequestException e) {
            writer().send(WsMessages.error(rawId.isEmpty() ? null : rawId, "invalid", e.getMessage()));
        } catch (OrderNotFoundException e) {
            writer().send(WsMessages.error(rawId, "not-found", e.getMessage()));
        } catch (ShuttingDownException e) {
            writer().send(WsMessages.error(rawId, "unavailable", "The server is shutting down"));
        }
    }

    private void unsubscribe(JsonNode message) {
        String rawId = message.path("orderId").asText("");
        Watch watch;
        lock.lock();
        try {
            watch = subscriptions.remove(rawId.toLowerCase(Locale.ROOT));
        } finally {
            lock.unlock();
        }
        if (watch == null) {
            writer().send(WsMessages.error(rawId, "not-subscribed", "Not subscribed to order '" + rawId + "'"));
            return;
        }
        watch.cancel();
        writer().send(WsMessages.unsubscribed(watch.orderId(), "Unsubscribed"));
    }

    private static long afterSeq(JsonNode value) {
        if (value == null || value.isNull()) {
            return 0;
        }
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return value.longValue();
        }
        if (value.isTextual()) {
            return OrderStatusSocket.parseSeq(value.textValue());
        }
        throw new InvalidRequestException("afterSeq", "must be a whole number, got " + value);
    }

    /** The connection is gone: end every subscription. */
    @Override
    void leave() {
        List<Watch> watches;
        lock.lock();
        try {
            watches = List.copyOf(subscriptions.values());
            subscriptions.clear();
        } finally {
            lock.unlock();
        }
        watches.forEach(Watch::cancel);
    }

    /** Ends one subscription from its own side (terminal event), keeping the others. */
    private boolean forget(String orderId) {
        lock.lock();
        try {
            return subscriptions.remove(orderId) != null;
        } finally {
            lock.unlock();
        }
    }

    /** One subscription: events go out on the shared session while it is still subscribed. */
    private final class SubscriptionSink implements WatchSink {
        private final String orderId;

        private SubscriptionSink(String orderId) {
            this.orderId = orderId;
        }

        @Override
        public void send(OrderEvent event) {
            // Checked and sent under the lock, so no event follows an "unsubscribed" ack; the
            // watch itself is cancelled by the unsubscribe right after.
            lock.lock();
            try {
                if (subscriptions.containsKey(orderId)) {
                    writer().send(OrderJson.event(event));
                }
            } finally {
                lock.unlock();
            }
        }

        @Override
        public void complete() {
            if (forget(orderId)) {
                writer().send(WsMessages.unsubscribed(orderId, "Order reached a terminal state"));
            }
        }

        @Override
        public void abort(WatchEnd end, String reason) {
            forget(orderId);
            // The connection, not the one order, is too slow or going away: close it for all.
            writer().close(CloseCodes.of(end), reason);
        }
    }
}
