package io.orderstream.watch;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * The events waiting to go out on one client connection, across all the watches it carries
 * (one for a gRPC call or an order's WebSocket, many for {@code /ws}). A connection whose
 * backlog reaches its limit is too slow: all its watches are cut off at once, never queued
 * without bound. Thread-safe.
 * <p>
 * A gateway holds one backlog per idle connection: its count and flag are fields set through
 * updaters, not atomic objects, and its set of watches starts sized for the one most connections
 * carry.
 */
public final class Backlog {
    private static final AtomicIntegerFieldUpdater<Backlog> WAITING = AtomicIntegerFieldUpdater.newUpdater(
            Backlog.class, "waiting");
    private static final AtomicIntegerFieldUpdater<Backlog> OVERFLOWED = AtomicIntegerFieldUpdater.newUpdater(
            Backlog.class, "overflowed");

    private final int limit;
    private volatile int waiting;
    // 0, then 1 once the connection has fallen too far behind.
    private volatile int overflowed;
    private final Set<Watcher> watchers = ConcurrentHashMap.newKeySet(1);

    /**
     * Creates a backlog.
     *
     * @param limit events that may wait at once
     */
    public Backlog(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("A backlog limit must be at least 1, got " + limit);
        }
        this.limit = limit;
    }

    /**
     * The limit.
     *
     * @return events that may wait at once
     */
    public int limit() {
        return limit;
    }

    /**
     * Counts one more waiting event, unless the limit is reached.
     *
     * @return false when the connection is too slow
     */
    boolean tryAdd() {
        while (overflowed == 0) {
            int now = waiting;
            if (now >= limit) {
                return false;
            }
            if (WAITING.compareAndSet(this, now, now + 1)) {
                return true;
            }
        }
        return false;
    }

    /** The connection is too slow: cut off every watch on it, once. */
    void overflow() {
        if (OVERFLOWED.compareAndSet(this, 0, 1)) {
            watchers.forEach(Watcher::cutOff);
        }
    }

    void join(Watcher watcher) {
        watchers.add(watcher);
        if (overflowed != 0) {
            watcher.cutOff();
        }
    }

    void leave(Watcher watcher) {
        watchers.remove(watcher);
    }

    /** One waiting event left (sent or dropped). */
    void release() {
        WAITING.decrementAndGet(this);
    }

    /** What a watch cut off as too slow tells its client. */
    String tooSlow() {
        return "Too slow: more than " + limit + " events waiting; reconnect with your last seq to resume";
    }
}
