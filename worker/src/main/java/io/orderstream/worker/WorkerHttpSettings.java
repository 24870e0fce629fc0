package io.orderstream.worker;

import java.util.List;

import io.orderstream.config.ConfigKey;

import io.helidon.config.Config;

/**
 * Where a stand-alone worker serves its health and metrics. The port defaults to 0, any free
 * one, logged at start: several workers on one machine then start without being told apart.
 * Give each a fixed port to scrape it.
 *
 * @param host address to bind
 * @param port port, 0 for any free one
 */
public record WorkerHttpSettings(String host, int port) {
    /** Address to bind. */
    public static final ConfigKey<String> HOST = ConfigKey.text("orderstream.worker.http.host", "127.0.0.1");
    /** Port. */
    public static final ConfigKey<Integer> PORT = ConfigKey.integer("orderstream.worker.http.port", 0);
    /** Every key these settings read. */
    public static final List<ConfigKey<?>> KEYS = List.of(HOST, PORT);

    /**
     * Validates the settings.
     *
     * @param host not blank
     * @param port 0 to 65535
     */
    public WorkerHttpSettings {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException(HOST.name() + " must not be blank");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException(PORT.name() + " must be from 0 to 65535, got " + port);
        }
    }

    /**
     * Reads the settings.
     *
     * @param config the root configuration
     * @return the settings
     * @throws IllegalArgumentException when a value cannot be read or is out of range
     */
    public static WorkerHttpSettings create(Config config) {
        return new WorkerHttpSettings(HOST.get(config), PORT.get(config));
    }
}
