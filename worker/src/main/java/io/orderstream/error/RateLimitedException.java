package io.orderstream.error;

import java.time.Duration;

/**
 * The caller is past one of its limits (its submit rate, its share of the order queue, or what it
 * may hold open on a gateway), and nothing was done. It may try again after {@link #retryAfter()}:
 * exactly when its submit bucket has a token again, or, for the others, a hint, as a place frees
 * only when one of the caller's own orders or streams ends.
 */
public final class RateLimitedException extends ServiceException {
    private final transient Duration retryAfter;

    /**
     * Creates the exception.
     *
     * @param message    which limit, in words for the client
     * @param retryAfter when trying again may succeed; positive
     */
    public RateLimitedException(String message, Duration retryAfter) {
        // A caller past its limits can cause these at will: no stack trace.
        super(message, null, false);
        if (retryAfter.isNegative() || retryAfter.isZero()) {
            throw new IllegalArgumentException("A retry delay must be positive, got " + retryAfter);
        }
        this.retryAfter = retryAfter;
    }

    /**
     * When trying again may succeed.
     *
     * @return the delay, positive
     */
    public Duration retryAfter() {
        return retryAfter;
    }

    /**
     * The delay in whole seconds, rounded up, as {@code Retry-After} states it.
     *
     * @return at least 1
     */
    public long retryAfterSeconds() {
        return Math.max(1, retryAfter.toSeconds() + (retryAfter.toNanosPart() > 0 ? 1 : 0));
    }
}
