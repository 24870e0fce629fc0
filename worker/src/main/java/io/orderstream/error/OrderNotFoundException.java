package io.orderstream.error;

/**
 * No order has this id, or none that the caller may see: another subject's order is refused alike.
 */
public final class OrderNotFoundException extends ServiceException {
    /**
     * Creates the exception.
     *
     * @param orderId the id asked for
     */
    public OrderNotFoundException(String orderId) {
        super("Order " + orderId + " not found");
    }
}
