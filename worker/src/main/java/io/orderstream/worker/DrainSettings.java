package io.orderstream.worker;

import java.time.Duration;
import java.util.List;

import io.orderstream.config.ConfigKey;

import io.helidon.config.Config;

/**
 * How long a gateway or worker asked to stop (SIGTERM) may take to hand its work over: watchers
 * told to reconnect elsewhere, executions in flight finished. What is still running when it is up
 * is stopped, and resumes elsewhere from its last stored step.
 *
 * @param timeout longest drain
 */
public record DrainSettings(Duration timeout) {
    /** Longest drain. */
    public static final ConfigKey<Duration> TIMEOUT = ConfigKey.seconds("orderstream.drain.timeout.seconds",
                                                                        Duration.ofSeconds(15));
    /** Every key these settings read. */
    public static final List<ConfigKey<?>> KEYS = List.of(TIMEOUT);

    /**
     * Validates the settings.
     *
     * @param timeout zero (stop at once) or more
     */
    public DrainSettings {
        if (timeout.isNegative()) {
            throw new IllegalArgumentException(TIMEOUT.name() + " must not be negative, got " + timeout.toSeconds());
        }
    }

    /**
     * Reads the settings.
     *
     * @param config the root configuration
     * @return the settings
     * @throws IllegalArgumentException when a value cannot be read or is out of range
     */
    public static DrainSettings create(Config config) {
        return new DrainSettings(TIMEOUT.get(config));
    }
}
