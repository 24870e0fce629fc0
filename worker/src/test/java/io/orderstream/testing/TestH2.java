package io.orderstream.testing;

import java.util.Map;
import java.util.UUID;

import io.orderstream.store.Database;
import io.orderstream.store.DatabaseSettings;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;

/**
 * A fresh in-memory H2 database with the production schema, one per call.
 */
public final class TestH2 {
    private TestH2() {
    }

    /**
     * Opens a new, migrated database that lives until it is closed.
     *
     * @param name what it is for, part of its name
     * @return the open database
     */
    public static Database open(String name) {
        return Database.open(DatabaseSettings.create(Config.just(ConfigSources.create(Map.of(
                "orderstream.db.url", "jdbc:h2:mem:" + name + "-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;DATABASE_TO_LOWER=TRUE")))));
    }
}
