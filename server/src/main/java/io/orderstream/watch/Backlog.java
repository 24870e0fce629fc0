package io.orderstream.watch;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The events waiting to go out on one client connection, across all the watches it carries
 * (one for a gRPC call or an order's WebSocket, many for {@code /ws}). A connection whose
 * backlog reaches its limit is too slow: all its watches are cut off at once, never queued
 * without bound. Thread-safe.
 */
public final class Backlog {
    private final int limit;
    private final AtomicInteger waiting = new AtomicInteger();
    private final AtomicBoolean overflowed = new AtomicBoolean();
    private final Set<Watcher> watchers = ConcurrentHashMap.newKeySet();

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
        while (!overflowed.get()) {
            int now = waiting.get();
            if (now >= limit) {
                return false;
            }
            if (waiting.compareAndSet(now, now + 1)) {
                return true;
            }
        }
        return false;
    }

    /** The connection is too slow: cut off every watch on it, once. */
    void overflow() {
        if (overflowed.compareAndSet(false, true)) {
            watchers.forEach(Watcher::cutOff);
        }
    }

    void join(Watcher watcher) {
        watchers.add(watcher);
        if (overflowed.get()) {
            watcher.cutOff();
        }
    }

    void leave(Watcher watcher) {
        watchers.remove(watcher);
    }

    /** One waiting event left (sent or dropped). */
    void release() {
        waiting.decrementAndGet();
    }
}
