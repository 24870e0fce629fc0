package io.orderstream.error;

/**
 * The order has reached a DEX, or ended, and can no longer be cancelled.
 */
public final class OrderNotCancellableException extends ServiceException {
    /**
     * Creates the exception.
     *
     * @param orderId the order
     * @param status  where it is now, as clients name the status ({@code submitted})
     */
    public OrderNotCancellableException(String orderId, String status) {
        super("Order " + orderId + " is " + status + "; only pending, routing or building orders can be cancelled");
    }
}
