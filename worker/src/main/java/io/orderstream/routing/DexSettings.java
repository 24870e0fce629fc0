package io.orderstream.routing;

import java.time.Duration;
import java.util.List;

import io.orderstream.config.ConfigKey;

import io.helidon.config.Config;

/**
 * How the simulated DEXs behave, and how long any DEX call may take.
 *
 * @param latencyScale multiplies every mock delay (quote 200 ms, build 100 ms, send 250 ms,
 *                     confirm 400 ms); 0 makes them instant
 * @param failureRate  chance that a submission fails transiently, 0 to 1
 * @param driftPercent largest price move between quote and execution, in percent
 * @param timeout      longest DEX call
 */
public record DexSettings(double latencyScale, double failureRate, double driftPercent, Duration timeout) {
    /** Multiplier of every mock delay. */
    public static final ConfigKey<Double> LATENCY_SCALE = ConfigKey.decimal("orderstream.dex.latency.scale", 1.0);
    /** Chance of a transient submission failure. */
    public static final ConfigKey<Double> FAILURE_RATE = ConfigKey.decimal("orderstream.dex.failure.rate", 0.1);
    /** Largest price move between quote and execution. */
    public static final ConfigKey<Double> DRIFT_PERCENT = ConfigKey.decimal("orderstream.dex.drift.percent", 0.3);
    /** Longest DEX call; shorter than a worker's claim. */
    public static final ConfigKey<Duration> TIMEOUT = ConfigKey.millis("orderstream.dex.timeout.millis",
                                                                       Duration.ofSeconds(10));
    /** Every key these settings read. */
    public static final List<ConfigKey<?>> KEYS = List.of(LATENCY_SCALE, FAILURE_RATE, DRIFT_PERCENT, TIMEOUT);

    /**
     * Validates the settings.
     *
     * @param latencyScale delay multiplier, 0 or more
     * @param failureRate  0 to 1
     * @param driftPercent 0 or more
     * @param timeout      positive
     */
    public DexSettings {
        if (latencyScale < 0) {
            throw new IllegalArgumentException(LATENCY_SCALE.name() + " must be 0 or more, got " + latencyScale);
        }
        if (failureRate < 0 || failureRate > 1) {
            throw new IllegalArgumentException(FAILURE_RATE.name() + " must be from 0 to 1, got " + failureRate);
        }
        if (driftPercent < 0) {
            throw new IllegalArgumentException(DRIFT_PERCENT.name() + " must be 0 or more, got " + driftPercent);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException(TIMEOUT.name() + " must be positive, got " + timeout.toMillis());
        }
    }

    /**
     * Reads the settings.
     *
     * @param config the root configuration
     * @return the settings
     * @throws IllegalArgumentException when a value cannot be read or is out of range
     */
    public static DexSettings create(Config config) {
        return new DexSettings(LATENCY_SCALE.get(config), FAILURE_RATE.get(config), DRIFT_PERCENT.get(config),
                               TIMEOUT.get(config));
    }
}
