package io.orderstream.bench;

/**
 * One event as it reached one watcher.
 *
 * @param seq        the event's sequence number within its order
 * @param nanos      {@link System#nanoTime()} on receipt, for comparing receipts with each other
 * @param wallNanos  the wall clock on receipt, nanoseconds since the epoch
 * @param eventNanos the event's {@code timestamp}, nanoseconds since the epoch: when the worker
 *                   stored it, in milliseconds
 * @param terminal   whether it ends the order ({@code confirmed}, {@code failed}, {@code cancelled})
 */
record Receipt(long seq, long nanos, long wallNanos, long eventNanos, boolean terminal) {
    /**
     * How long the event took from being stored to this watcher, by the wall clock of the one
     * machine that runs servers and client.
     *
     * @return nanoseconds
     */
    long deliveryNanos() {
        return wallNanos - eventNanos;
    }
}
