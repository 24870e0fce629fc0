package io.orderstream.engine;

import java.time.Duration;

/**
 * How often a submission is tried and how long to wait between tries: exponential backoff,
 * {@code initialBackoff × 2^(attempt−1)} after each failed attempt.
 *
 * @param maxAttempts    attempts in all, at least 1
 * @param initialBackoff wait after the first failure
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff) {
    /**
     * Validates the policy.
     */
    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
        }
        if (initialBackoff.isNegative()) {
            throw new IllegalArgumentException("initialBackoff must not be negative");
        }
    }

    /**
     * The wait after a failed attempt.
     *
     * @param failedAttempt the attempt that failed, from 1
     * @return how long to wait before the next one
     */
    public Duration backoffAfter(int failedAttempt) {
        return initialBackoff.multipliedBy(1L << Math.min(failedAttempt - 1, 20));
    }
}
