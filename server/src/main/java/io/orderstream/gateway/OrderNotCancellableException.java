package io.orderstream.gateway;

import io.orderstream.order.OrderStatus;

/**
 * The order has reached a DEX, or ended, and can no longer be cancelled.
 * REST 409, gRPC FAILED_PRECONDITION.
 */
public final class OrderNotCancellableException extends RuntimeException {
    /**
     * Creates the exception.
     *
     * @param orderId the order
     * @param status  where it is now
     */
    public OrderNotCancellableException(String orderId, OrderStatus status) {
        super("Order " + orderId + " is " + status.wireName()
                      + "; only pending, routing or building orders can be cancelled");
    }
}
