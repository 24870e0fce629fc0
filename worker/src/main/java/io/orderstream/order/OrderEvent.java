package io.orderstream.order;

import java.time.Instant;

/**
 * One step of an order's life, numbered per order by {@code seq} (1, 2, 3, ... without gaps).
 *
 * @param orderId   the order
 * @param seq       position in the order's history, from 1
 * @param status    the step; the order's status once this event is recorded
 * @param progress  0 to 100, never going back within one order
 * @param message   a human-readable line
 * @param timestamp when it was recorded
 * @param details   the step's details
 */
public record OrderEvent(String orderId,
                         long seq,
                         OrderStatus status,
                         int progress,
                         String message,
                         Instant timestamp,
                         EventDetails details) {

    /**
     * Whether this is the order's last event.
     *
     * @return true when the step is terminal
     */
    public boolean isTerminal() {
        return status.isTerminal();
    }
}
