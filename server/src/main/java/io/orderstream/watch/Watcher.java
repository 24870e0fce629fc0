package io.orderstream.watch;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.orderstream.order.OrderEvent;
import io.orderstream.store.OrderStore;
import io.orderstream.store.StoreUnavailableException;

/**
 * One watch: a bounded inbox of live events and the virtual thread that drains it into the sink.
 * <p>
 * The thread first replays the stored history after the client's seq, then delivers live events
 * in seq order, skipping any seq already sent and filling any gap from the store (the bus is
 * best effort). The inbox is filled by the bus thread and never blocks it: a full inbox cuts the
 * watcher off as a slow consumer. Everything but the inbox and the flags is confined to the
 * watcher's thread.
 */
final class Watcher implements Watch {
    private static final Logger LOG = Logger.getLogger(Watcher.class.getName());
    /** Placed in the inbox to make the thread look in the store (bus recovered, or woken to stop). */
    private static final OrderEvent RESYNC = new OrderEvent("", -1, null, 0, "", null, null);

    private final String orderId;
    private final Face face;
    private final WatchSink sink;
    private final OrderStore store;
    private final BlockingQueue<OrderEvent> inbox;
    private final Backlog backlog;
    private final Duration idleCheck;
    private final Runnable onEnd;
    private final AtomicBoolean ended = new AtomicBoolean();
    private final AtomicBoolean detached = new AtomicBoolean();
    private volatile boolean overflowed;
    private volatile WatchEnd stopRequest;
    private final boolean nothingMore;
    private long lastSeq;

    Watcher(String orderId, long afterSeq, boolean nothingMore, Face face, WatchSink sink, Backlog backlog,
            OrderStore store, Duration idleCheck, Runnable onEnd) {
        this.orderId = orderId;
        this.lastSeq = afterSeq;
        this.nothingMore = nothingMore;
        this.face = face;
        this.sink = sink;
        this.store = store;
        // Never more than the connection's whole backlog, plus room for a wake-up marker.
        this.inbox = new ArrayBlockingQueue<>(backlog.limit() + 1);
        this.backlog = backlog;
        this.idleCheck = idleCheck;
        this.onEnd = onEnd;
    }

    @Override
    public String orderId() {
        return orderId;
    }

    Face face() {
        return face;
    }

    void start() {
        backlog.join(this);
        Thread.ofVirtual().name("watch-" + orderId).start(this::run);
    }

    /**
     * A live event from the bus; never blocks.
     */
    void offer(OrderEvent event) {
        if (ended.get() || overflowed) {
            return;
        }
        if (!backlog.tryAdd()) {
            backlog.overflow();
        } else if (!inbox.offer(event)) {
            // Cannot happen while the inbox is larger than the backlog; counted back all the same.
            backlog.release();
        } else if (ended.get()) {
            // Ended while this event was being queued: give it back, the thread is gone.
            drain();
        }
    }

    /** Empties the inbox, giving its events back to the connection's backlog. */
    private void drain() {
        OrderEvent dropped;
        while ((dropped = inbox.poll()) != null) {
            if (dropped != RESYNC) {
                backlog.release();
            }
        }
    }

    /** Empties the inbox, giving its events back to the backlog, and wakes the thread. */
    private void wake() {
        drain();
        inbox.offer(RESYNC);
    }

    /**
     * The connection fell too far behind. Leaves the registry now, so nothing more is queued for
     * this client; the thread may be blocked sending to it and tells it why once the send returns.
     */
    void cutOff() {
        overflowed = true;
        detach();
        wake();
        sink.interruptSend();
    }

    /** The bus may have lost events: look in the store. */
    void resync() {
        inbox.offer(RESYNC);
    }

    /** Ends the watch from the server's side (shutdown); the sink is told why. */
    void stop(WatchEnd end) {
        stopRequest = end;
        wake();
    }

    @Override
    public void cancel() {
        if (end()) {
            // Wake the thread rather than interrupt it: an interrupt during a socket write would
            // close a connection that other watches (on /ws) still use.
            wake();
        }
    }

    private void run() {
        try {
            if (nothingMore) {
                if (end()) {
                    sink.complete();
                }
                return;
            }
            if (deliver(store.eventsAfter(orderId, lastSeq))) {
                return;
            }
            while (!ended.get()) {
                OrderEvent event = inbox.poll(idleCheck.toMillis(), TimeUnit.MILLISECONDS);
                if (event != null && event != RESYNC) {
                    // Out of the inbox: no longer waiting, whatever happens to it next.
                    backlog.release();
                }
                if (ended.get()) {
                    return;
                }
                if (overflowed) {
                    finish(WatchEnd.SLOW_CONSUMER, tooSlow());
                    return;
                }
                if (stopRequest != null) {
                    finish(stopRequest, "Server is shutting down; reconnect with your last seq to resume");
                    return;
                }
                boolean done;
                if (event == null || event == RESYNC || event.seq() > lastSeq + 1) {
                    // Idle, told to look, or a gap: the store has everything after lastSeq.
                    done = deliver(store.eventsAfter(orderId, lastSeq));
                } else {
                    done = deliver(List.of(event));
                }
                if (done) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            end();
        } catch (Exception e) {
            if (overflowed) {
                // The send was abandoned because the client fell behind.
                finish(WatchEnd.SLOW_CONSUMER, tooSlow());
            } else if (!ended.get()) {
                // A client that went away fails its sends, which is routine; a store that failed
                // is the operator's business.
                LOG.log(e instanceof StoreUnavailableException ? Level.WARNING : Level.FINE,
                        "Watch of order " + orderId + " failed", e);
                finish(WatchEnd.FAILED, "Delivery failed");
            }
        }
    }

    /**
     * Sends events after lastSeq in order.
     *
     * @return true when the terminal event was sent
     */
    private boolean deliver(List<OrderEvent> events) throws Exception {
        for (OrderEvent event : events) {
            if (event.seq() <= lastSeq) {
                continue;
            }
            if (ended.get()) {
                return true;
            }
            sink.send(event);
            lastSeq = event.seq();
            if (event.isTerminal()) {
                if (end()) {
                    sink.complete();
                }
                return true;
            }
        }
        return false;
    }

    private void finish(WatchEnd end, String reason) {
        if (end()) {
            try {
                sink.abort(end, reason);
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "Could not tell the client of order " + orderId + " why its watch ended", e);
            }
        }
    }

    private String tooSlow() {
        return "Too slow: more than " + backlog.limit() + " events waiting; reconnect with your last seq to resume";
    }

    /** Marks the watch ended once; true for the caller that did it. */
    private boolean end() {
        if (ended.compareAndSet(false, true)) {
            detach();
            drain();
            return true;
        }
        return false;
    }

    private void detach() {
        if (detached.compareAndSet(false, true)) {
            backlog.leave(this);
            onEnd.run();
        }
    }
}
