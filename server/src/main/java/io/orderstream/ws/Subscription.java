package io.orderstream.ws;

import java.util.Map;

import io.orderstream.json.OrderJson;
import io.orderstream.limits.Slot;
import io.orderstream.watch.SharedEvent;
import io.orderstream.watch.Watch;
import io.orderstream.watch.WatchEnd;
import io.orderstream.watch.WatchSink;

/**
 * One order subscribed to on a {@code /ws} connection. Its events go out only while it is the
 * order's subscription in the connection's map: checked under the session writer's lock, so no
 * event follows an {@code unsubscribed} (sent through the same lock after the removal), and no
 * lock but the writer's is held while a slow socket blocks. Its {@code subscribed} goes out once,
 * through the same lock: from its watch once in place, or from an unsubscribe that comes first.
 */
final class Subscription implements WatchSink {
    private final SessionWriter writer;
    private final Map<String, Subscription> subscriptions;
    private final String orderId;
    private final long afterSeq;
    private final Slot slot;
    private volatile Watch watch;
    // Guarded by the session writer's lock.
    private boolean acknowledged;

    /**
     * A subscription, not yet watching.
     *
     * @param writer        the connection's writer
     * @param subscriptions the connection's subscriptions by order id, where this one is entered
     * @param orderId       the order
     * @param afterSeq      the last seq the client has
     * @param slot          its place under the caller's cap, given back when it ends
     */
    Subscription(SessionWriter writer, Map<String, Subscription> subscriptions, String orderId, long afterSeq,
                 Slot slot) {
        this.writer = writer;
        this.subscriptions = subscriptions;
        this.orderId = orderId;
        this.afterSeq = afterSeq;
        this.slot = slot;
    }

    String orderId() {
        return orderId;
    }

    /** The watch that feeds it, once started. */
    void watching(Watch started) {
        watch = started;
    }

    /** Ends the watch, once it has started, and gives its place back. */
    void cancel() {
        slot.close();
        Watch started = watch;
        if (started != null) {
            started.cancel();
        }
    }

    /**
     * The client unsubscribed, and this was removed from the map: ends it and says so, after its
     * {@code subscribed} if its watch had yet to send that.
     */
    void unsubscribed() {
        cancel();
        writer.sendTextIf(this::firstAcknowledgement, subscribedText());
        writer.send(WsMessages.unsubscribed(orderId, "Unsubscribed"));
    }

    @Override
    public void started() {
        writer.sendTextIf(() -> current() && firstAcknowledgement(), subscribedText());
    }

    @Override
    public void send(SharedEvent event) {
        writer.sendTextIf(this::current, event.encoded(WsMessages.EVENT));
    }

    @Override
    public boolean isClosed() {
        return writer.isClosed();
    }

    @Override
    public void complete() {
        slot.close();
        if (subscriptions.remove(orderId, this)) {
            writer.send(WsMessages.unsubscribed(orderId, "Order reached a terminal state"));
        }
    }

    @Override
    public void abort(WatchEnd end, String reason) {
        slot.close();
        subscriptions.remove(orderId, this);
        // The connection, not the one order, is too slow or going away: close it for all.
        writer.close(CloseCodes.of(end), reason);
    }

    private boolean current() {
        return subscriptions.get(orderId) == this;
    }

    private String subscribedText() {
        return OrderJson.text(WsMessages.subscribed(orderId, afterSeq));
    }

    // Called under the session writer's lock.
    private boolean firstAcknowledgement() {
        if (acknowledged) {
            return false;
        }
        acknowledged = true;
        return true;
    }
}
