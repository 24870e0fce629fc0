package io.orderstream.server;

import java.time.Duration;
import java.util.List;

import io.orderstream.config.ConfigKey;

import io.helidon.config.Config;

/**
 * How the WebSocket endpoints keep their sessions.
 *
 * @param ping             keep-alive interval; a peer silent for two pings is dropped
 * @param maxSubscriptions orders one {@code /ws} connection may watch at once
 */
public record WebSocketSettings(Duration ping, int maxSubscriptions) {
    /** Keep-alive interval. */
    public static final ConfigKey<Duration> PING = ConfigKey.seconds("orderstream.ws.ping.seconds",
                                                                     Duration.ofSeconds(15));
    /** Orders one {@code /ws} connection may watch at once. */
    public static final ConfigKey<Integer> MAX_SUBSCRIPTIONS = ConfigKey.integer("orderstream.ws.max.subscriptions",
                                                                                 1000);
    /** Every key these settings read. */
    public static final List<ConfigKey<?>> KEYS = List.of(PING, MAX_SUBSCRIPTIONS);

    /**
     * Validates the settings.
     *
     * @param ping             positive
     * @param maxSubscriptions at least 1
     */
    public WebSocketSettings {
        if (ping.isNegative() || ping.isZero()) {
            throw new IllegalArgumentException(PING.name() + " must be positive, got " + ping.toSeconds());
        }
        if (maxSubscriptions < 1) {
            throw new IllegalArgumentException(MAX_SUBSCRIPTIONS.name() + " must be at least 1, got "
                                                       + maxSubscriptions);
        }
    }

    /**
     * Reads the settings.
     *
     * @param config the root configuration
     * @return the settings
     * @throws IllegalArgumentException when a value cannot be read or is out of range
     */
    public static WebSocketSettings create(Config config) {
        return new WebSocketSettings(PING.get(config), MAX_SUBSCRIPTIONS.get(config));
    }
}
