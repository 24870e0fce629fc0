package io.orderstream.retention;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.orderstream.config.ConfigKey;

import io.helidon.config.Config;

/**
 * How a {@link RetentionSweep} runs.
 *
 * @param age      ended orders older than this are deleted
 * @param batch    orders deleted per transaction
 * @param interval time between sweeps
 */
public record RetentionSettings(Duration age, int batch, Duration interval) {
    /** Days an ended order is kept; 0 keeps every order. */
    public static final ConfigKey<Integer> DAYS = ConfigKey.integer("orderstream.retention.days", 30);
    /** Orders deleted per transaction. */
    public static final ConfigKey<Integer> BATCH = ConfigKey.integer("orderstream.retention.batch", 500);
    /** Time between sweeps. */
    public static final ConfigKey<Duration> INTERVAL = ConfigKey.seconds("orderstream.retention.interval.seconds",
                                                                         Duration.ofMinutes(10));
    /** Every key these settings read. */
    public static final List<ConfigKey<?>> KEYS = List.of(DAYS, BATCH, INTERVAL);
    /** Largest batch: one transaction's locks and statements stay small. */
    public static final int MAX_BATCH = 10_000;

    /**
     * Validates the settings.
     *
     * @param age      positive
     * @param batch    1 to {@value #MAX_BATCH}
     * @param interval positive
     */
    public RetentionSettings {
        if (age.isNegative() || age.isZero()) {
            throw new IllegalArgumentException("retention age must be positive, got " + age);
        }
        if (batch < 1 || batch > MAX_BATCH) {
            throw new IllegalArgumentException(BATCH.name() + " must be from 1 to " + MAX_BATCH + ", got " + batch);
        }
        if (interval.toMillis() < 1) {
            throw new IllegalArgumentException(INTERVAL.name() + " must be positive, got " + interval.toSeconds());
        }
    }

    /**
     * Reads the settings.
     *
     * @param config the root configuration
     * @return the settings, or empty when retention is off ({@code orderstream.retention.days} is 0)
     * @throws IllegalArgumentException when a value cannot be read or is out of range
     */
    public static Optional<RetentionSettings> create(Config config) {
        int days = DAYS.get(config);
        if (days < 0) {
            throw new IllegalArgumentException(DAYS.name() + " must be 0 (keep every order) or more, got " + days);
        }
        if (days == 0) {
            return Optional.empty();
        }
        return Optional.of(new RetentionSettings(Duration.ofDays(days), BATCH.get(config), INTERVAL.get(config)));
    }
}
