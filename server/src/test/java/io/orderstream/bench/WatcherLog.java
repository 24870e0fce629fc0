package io.orderstream.bench;

import java.util.List;
import java.util.OptionalLong;

/**
 * What one watcher of a fan-out round saw.
 *
 * @param attachedNanos {@link System#nanoTime()} when it was attached (the WebSocket's
 *                      {@code subscribed} message, or the first event of a {@code WatchOrder}
 *                      stream); empty when it never was
 * @param receipts      the events it received, in arrival order
 * @param problem       what went wrong with it (could not attach, ended badly, did not end);
 *                      null when nothing did
 */
record WatcherLog(OptionalLong attachedNanos, List<Receipt> receipts, String problem) {
    /**
     * A log.
     *
     * @param attachedNanos when it was attached, if it was
     * @param receipts      what it received
     * @param problem       what went wrong, or null
     */
    WatcherLog {
        receipts = List.copyOf(receipts);
    }
}
