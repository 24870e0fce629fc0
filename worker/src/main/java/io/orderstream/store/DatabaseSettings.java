package io.orderstream.store;

import java.time.Duration;
import java.util.List;

import io.orderstream.config.ConfigKey;

import io.helidon.config.Config;

/**
 * Which database, and how many connections the process uses on it.
 *
 * @param url         JDBC URL; H2 (embedded) or PostgreSQL (distributed)
 * @param username    database user, empty for none
 * @param password    that user's password, empty for none
 * @param poolSize    most connections open at once
 * @param writerLanes batches of execution steps written at once, each on its own connection
 * @param upkeep      time between rounds of {@link TableUpkeep} on PostgreSQL; zero for none
 */
public record DatabaseSettings(String url, String username, String password, int poolSize, int writerLanes,
                               Duration upkeep) {
    /** A file under {@code ./data}; lower-case identifiers, as PostgreSQL folds them. */
    public static final ConfigKey<String> URL = ConfigKey.text(
            "orderstream.db.url", "jdbc:h2:file:./data/orderstream;DATABASE_TO_LOWER=TRUE;AUTO_SERVER=FALSE");
    /** Database user. */
    public static final ConfigKey<String> USERNAME = ConfigKey.text("orderstream.db.username", "");
    /** That user's password. */
    public static final ConfigKey<String> PASSWORD = ConfigKey.text("orderstream.db.password", "");
    /** Connections in the pool: the executions' writer lanes, the gateway's requests and the claims. */
    public static final ConfigKey<Integer> POOL_SIZE = ConfigKey.integer("orderstream.db.pool.size", 16);
    /** Batches of steps written at once. */
    public static final ConfigKey<Integer> WRITER_LANES = ConfigKey.integer("orderstream.db.writer.lanes", 2);
    /** Time between rounds of vacuum and analyze on PostgreSQL, where the queue churns; 0 for none. */
    public static final ConfigKey<Duration> UPKEEP = ConfigKey.seconds("orderstream.db.upkeep.seconds",
                                                                       Duration.ofSeconds(5));
    /** Every key these settings read. */
    public static final List<ConfigKey<?>> KEYS = List.of(URL, USERNAME, PASSWORD, POOL_SIZE, WRITER_LANES, UPKEEP);

    /**
     * Validates the settings.
     *
     * @param url         JDBC URL
     * @param username    database user
     * @param password    password
     * @param poolSize    most connections
     * @param writerLanes batches written at once
     * @param upkeep      time between upkeep rounds, zero for none
     */
    public DatabaseSettings {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException(URL.name() + " must not be empty");
        }
        if (poolSize < 1) {
            throw new IllegalArgumentException(POOL_SIZE.name() + " must be at least 1, got " + poolSize);
        }
        if (writerLanes < 1) {
            throw new IllegalArgumentException(WRITER_LANES.name() + " must be at least 1, got " + writerLanes);
        }
        if (upkeep.isNegative()) {
            throw new IllegalArgumentException(UPKEEP.name() + " must be 0 (none) or more, got " + upkeep.toSeconds());
        }
    }

    /**
     * Reads the settings.
     *
     * @param config the root configuration
     * @return the settings
     * @throws IllegalArgumentException when a value cannot be read or is out of range
     */
    public static DatabaseSettings create(Config config) {
        return new DatabaseSettings(URL.get(config), USERNAME.get(config), PASSWORD.get(config),
                                    POOL_SIZE.get(config), WRITER_LANES.get(config), UPKEEP.get(config));
    }

    /** Without the password. */
    @Override
    public String toString() {
        return "DatabaseSettings[url=" + url + ", username=" + username + ", poolSize=" + poolSize
                + ", writerLanes=" + writerLanes + ", upkeep=" + upkeep + "]";
    }
}
