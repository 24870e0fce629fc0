package io.orderstream.gateway;

/**
 * No order has this id. REST 404, gRPC NOT_FOUND, WebSocket close 4404.
 */
public final class OrderNotFoundException extends RuntimeException {
    /**
     * Creates the exception.
     *
     * @param orderId the id asked for
     */
    public OrderNotFoundException(String orderId) {
        super("Order " + orderId + " not found");
    }
}
