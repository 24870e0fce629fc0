package io.orderstream.watch;

/**
 * One live watch, as its face holds it.
 */
public interface Watch {
    /**
     * The order watched.
     *
     * @return order id
     */
    String orderId();

    /**
     * The client left (closed, cancelled, dropped): stop and forget the watch. Idempotent; the
     * sink is not called again.
     */
    void cancel();
}
