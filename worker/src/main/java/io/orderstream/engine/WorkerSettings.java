package io.orderstream.engine;

import java.time.Duration;
import java.util.List;

import io.orderstream.config.ConfigKey;

import io.helidon.config.Config;

/**
 * How a worker claims and runs orders.
 *
 * @param concurrency   orders executed at once
 * @param maxDeliveries claims of one order before it is given up as failed
 * @param claimLength   how long a claim holds without a heartbeat; a dead worker's orders are
 *                      taken back after this
 * @param pollInterval  longest wait between claims when no hint comes
 */
public record WorkerSettings(int concurrency, int maxDeliveries, Duration claimLength, Duration pollInterval) {
    /** Orders executed at once: each mostly waits on a DEX, on a virtual thread of its own. */
    public static final ConfigKey<Integer> CONCURRENCY = ConfigKey.integer("orderstream.worker.concurrency", 64);
    /** Claims of one order before it is given up (it keeps crashing workers). */
    public static final ConfigKey<Integer> MAX_DELIVERIES = ConfigKey.integer("orderstream.worker.max.deliveries", 5);
    /** A claim's length without a heartbeat. */
    public static final ConfigKey<Duration> CLAIM = ConfigKey.millis("orderstream.worker.claim.millis",
                                                                     Duration.ofSeconds(30));
    /** Longest wait between claims; what finds lapsed claims. */
    public static final ConfigKey<Duration> POLL = ConfigKey.millis("orderstream.worker.poll.millis",
                                                                    Duration.ofMillis(500));
    /** Every key these settings read. */
    public static final List<ConfigKey<?>> KEYS = List.of(CONCURRENCY, MAX_DELIVERIES, CLAIM, POLL);

    /** Shortest claim: the heartbeat beats every third of it. */
    private static final Duration MIN_CLAIM = Duration.ofMillis(300);

    /**
     * Validates the settings.
     *
     * @param concurrency   at least 1
     * @param maxDeliveries at least 1
     * @param claimLength   at least 300 ms
     * @param pollInterval  positive
     */
    public WorkerSettings {
        if (concurrency < 1) {
            throw new IllegalArgumentException(CONCURRENCY.name() + " must be at least 1, got " + concurrency);
        }
        if (maxDeliveries < 1) {
            throw new IllegalArgumentException(MAX_DELIVERIES.name() + " must be at least 1, got " + maxDeliveries);
        }
        if (claimLength.compareTo(MIN_CLAIM) < 0) {
            throw new IllegalArgumentException(CLAIM.name() + " must be at least " + MIN_CLAIM.toMillis() + ", got "
                                                       + claimLength.toMillis());
        }
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException(POLL.name() + " must be positive, got " + pollInterval.toMillis());
        }
    }

    /**
     * Reads the settings.
     *
     * @param config the root configuration
     * @return the settings
     * @throws IllegalArgumentException when a value cannot be read or is out of range
     */
    public static WorkerSettings create(Config config) {
        return new WorkerSettings(CONCURRENCY.get(config), MAX_DELIVERIES.get(config), CLAIM.get(config),
                                  POLL.get(config));
    }
}
