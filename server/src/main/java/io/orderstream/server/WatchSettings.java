package io.orderstream.server;

import java.time.Duration;
import java.util.List;

import io.orderstream.config.ConfigKey;

import io.helidon.config.Config;

/**
 * How watchers are served, whatever their face.
 *
 * @param backlog   events one client connection (a gRPC call, an order's WebSocket, a {@code /ws}
 *                  session with all its subscriptions) may have waiting before it is cut off as too slow
 * @param idleCheck how long a watched order may stay quiet before the gateway looks in the store
 *                  for events the bus may have lost
 */
public record WatchSettings(int backlog, Duration idleCheck) {
    /** Events waiting per client connection. */
    public static final ConfigKey<Integer> BUFFER = ConfigKey.integer("orderstream.watch.buffer", 256);
    /** How long a watched order may stay quiet before the store is asked. */
    public static final ConfigKey<Duration> IDLE_CHECK = ConfigKey.seconds("orderstream.watch.idle.check.seconds",
                                                                           Duration.ofSeconds(10));
    /** Every key these settings read. */
    public static final List<ConfigKey<?>> KEYS = List.of(BUFFER, IDLE_CHECK);

    /**
     * Validates the settings.
     *
     * @param backlog   at least 1
     * @param idleCheck positive
     */
    public WatchSettings {
        if (backlog < 1) {
            throw new IllegalArgumentException(BUFFER.name() + " must be at least 1, got " + backlog);
        }
        if (idleCheck.isNegative() || idleCheck.isZero()) {
            throw new IllegalArgumentException(IDLE_CHECK.name() + " must be positive, got " + idleCheck.toSeconds());
        }
    }

    /**
     * Reads the settings.
     *
     * @param config the root configuration
     * @return the settings
     * @throws IllegalArgumentException when a value cannot be read or is out of range
     */
    public static WatchSettings create(Config config) {
        return new WatchSettings(BUFFER.get(config), IDLE_CHECK.get(config));
    }
}
