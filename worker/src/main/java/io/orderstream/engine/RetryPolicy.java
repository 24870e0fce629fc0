package io.orderstream.engine;

import java.time.Duration;
import java.util.List;

import io.orderstream.config.ConfigKey;

import io.helidon.config.Config;

/**
 * How often a submission is tried and how long to wait between tries: exponential backoff,
 * {@code initialBackoff × 2^(attempt−1)} after each failed attempt.
 *
 * @param maxAttempts    attempts in all, at least 1
 * @param initialBackoff wait after the first failure
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff) {
    /** Submission attempts in all. */
    public static final ConfigKey<Integer> ATTEMPTS = ConfigKey.integer("orderstream.worker.retry.attempts", 3);
    /** Wait after the first failed attempt, doubling after each next one. */
    public static final ConfigKey<Duration> BACKOFF = ConfigKey.millis("orderstream.worker.retry.backoff.millis",
                                                                       Duration.ofMillis(200));
    /** Every key this policy reads. */
    public static final List<ConfigKey<?>> KEYS = List.of(ATTEMPTS, BACKOFF);

    /**
     * Validates the policy.
     *
     * @param maxAttempts    at least 1
     * @param initialBackoff 0 or more
     */
    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException(ATTEMPTS.name() + " must be at least 1, got " + maxAttempts);
        }
        if (initialBackoff.isNegative()) {
            throw new IllegalArgumentException(BACKOFF.name() + " must not be negative, got " + initialBackoff.toMillis());
        }
    }

    /**
     * Reads the policy.
     *
     * @param config the root configuration
     * @return the policy
     * @throws IllegalArgumentException when a value cannot be read or is out of range
     */
    public static RetryPolicy create(Config config) {
        return new RetryPolicy(ATTEMPTS.get(config), BACKOFF.get(config));
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
