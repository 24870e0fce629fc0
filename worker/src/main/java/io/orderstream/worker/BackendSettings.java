package io.orderstream.worker;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import io.orderstream.config.ConfigKey;
import io.orderstream.redis.RedisSettings;
import io.orderstream.store.DatabaseSettings;

import io.helidon.config.Config;

/**
 * What a {@link Backend} opens: the database, how many orders it queues, and Redis when the
 * process runs distributed.
 *
 * @param database      the database
 * @param queueCapacity most unfinished orders; more are refused and nothing is stored
 * @param redis         Redis, or empty to keep hints, bus and ledgers in the process
 */
public record BackendSettings(DatabaseSettings database, int queueCapacity, Optional<RedisSettings> redis) {
    /** Most unfinished orders at once. */
    public static final ConfigKey<Integer> QUEUE_CAPACITY = ConfigKey.integer("orderstream.queue.capacity", 10_000);
    /** Every key these settings read, with those of the database and Redis. */
    public static final List<ConfigKey<?>> KEYS = Stream.of(List.of(QUEUE_CAPACITY), DatabaseSettings.KEYS,
                                                            RedisSettings.KEYS)
            .<ConfigKey<?>>flatMap(List::stream)
            .toList();

    /**
     * Validates the settings.
     *
     * @param database      the database
     * @param queueCapacity at least 1
     * @param redis         Redis, if any
     */
    public BackendSettings {
        if (queueCapacity < 1) {
            throw new IllegalArgumentException(QUEUE_CAPACITY.name() + " must be at least 1, got " + queueCapacity);
        }
    }

    /**
     * Reads the settings.
     *
     * @param config the root configuration
     * @return the settings
     * @throws IllegalArgumentException when a value cannot be read or is out of range
     */
    public static BackendSettings create(Config config) {
        return new BackendSettings(DatabaseSettings.create(config), QUEUE_CAPACITY.get(config),
                                   RedisSettings.create(config));
    }
}
