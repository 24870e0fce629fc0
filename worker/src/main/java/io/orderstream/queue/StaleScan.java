package io.orderstream.queue;

import org.redisson.api.StreamMessageId;

/**
 * Paces the search for stale deliveries (pending in some consumer longer than the visibility
 * timeout). XAUTOCLAIM looks at a bounded stretch of the pending list per call and answers where
 * to go on, so the scan walks the whole list over successive polls; after a full pass that found
 * nothing it rests for a while, so idle workers do not scan on every poll.
 * Thread-safe: the worker's consumer loops share one scan.
 */
final class StaleScan {
    /** The start of the pending list; XAUTOCLAIM answers it when a pass is complete. */
    static final StreamMessageId START = new StreamMessageId(0, 0);

    private final long restNanos;
    private StreamMessageId cursor = START;
    private long nextPassNanos = System.nanoTime();

    /**
     * Creates a scan.
     *
     * @param restNanos pause after a full pass that found nothing
     */
    StaleScan(long restNanos) {
        this.restNanos = restNanos;
    }

    /**
     * Where the next XAUTOCLAIM starts, unless the scan is resting.
     *
     * @return the start id, or null when no scan is due
     */
    synchronized StreamMessageId due() {
        if (cursor.equals(START) && System.nanoTime() - nextPassNanos < 0) {
            return null;
        }
        return cursor;
    }

    /**
     * Records one XAUTOCLAIM's answer.
     *
     * @param next  where the scan goes on
     * @param found whether it claimed something
     */
    synchronized void advance(StreamMessageId next, boolean found) {
        cursor = next == null ? START : next;
        if (cursor.equals(START) && !found) {
            nextPassNanos = System.nanoTime() + restNanos;
        }
    }

    /** Starts over with a full pass now, e.g. after the group was re-created. */
    synchronized void restart() {
        cursor = START;
        nextPassNanos = System.nanoTime();
    }
}
