package io.orderstream.store;

/**
 * A client order id that was used before for a different order.
 */
public final class IdempotencyConflictException extends RuntimeException {
    /**
     * Creates the exception.
     *
     * @param clientOrderId the reused key
     * @param orderId       the order it belongs to
     */
    public IdempotencyConflictException(String clientOrderId, String orderId) {
        super("Idempotency key '" + clientOrderId + "' was already used for order " + orderId
                      + " with different order details (tokens, amount or slippage)");
    }
}
