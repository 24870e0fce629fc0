package io.orderstream.error;

/**
 * Only a failed order can be replayed: this one is unfinished, confirmed or cancelled.
 */
public final class OrderNotReplayableException extends ServiceException {
    /**
     * Creates the exception.
     *
     * @param orderId the order
     * @param status  where it is now, as clients name the status ({@code confirmed})
     */
    public OrderNotReplayableException(String orderId, String status) {
        super("Order " + orderId + " is " + status + "; only failed orders can be replayed");
    }
}
