package io.orderstream.error;

import java.time.Duration;

/**
 * The order store cannot serve a request now: the database is unreachable or failed, or (a
 * {@link QueueFullException}) the queue has no room. Nothing the client did is wrong and nothing
 * was changed: the same request, with the same idempotency key, may be sent again after
 * {@link #retryAfter()}.
 */
public sealed class StoreUnavailableException extends ServiceException permits QueueFullException {
    private static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    /**
     * Creates the exception.
     *
     * @param message why
     * @param cause   the database's error, if any
     */
    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause, true);
    }

    /**
     * How long a client had better wait before it tries again.
     *
     * @return the delay
     */
    public Duration retryAfter() {
        return RETRY_AFTER;
    }
}
