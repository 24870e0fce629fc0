package io.orderstream.error;

/**
 * An idempotency key (REST {@code Idempotency-Key}, gRPC {@code client_order_id}) that the caller
 * already used for a different order request: tokens, amount or slippage differ from the order it
 * names. Nothing was stored; a new order needs a new key.
 */
public final class IdempotencyConflictException extends ServiceException {
    /**
     * Creates the exception.
     *
     * @param key     the reused key
     * @param orderId the order it belongs to
     */
    public IdempotencyConflictException(String key, String orderId) {
        super("Idempotency key '" + key + "' was already used for a different order request (order " + orderId
                      + "); send a new key for a new order");
    }
}
