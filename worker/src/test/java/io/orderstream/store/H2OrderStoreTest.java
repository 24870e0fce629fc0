package io.orderstream.store;

import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;

/** The store contract on H2, in a private in-memory database with the embedded mode's settings. */
class H2OrderStoreTest extends OrderStoreContract {
    H2OrderStoreTest() {
        super(H2OrderStoreTest::embeddedSettings);
    }

    // No DB_CLOSE_DELAY, as the embedded mode's URL has none: the database ends with its last connection.
    private static Database embeddedSettings() {
        byte[] random = new byte[4];
        ThreadLocalRandom.current().nextBytes(random);
        String url = "jdbc:h2:mem:ostest" + HexFormat.of().formatHex(random) + ";DATABASE_TO_LOWER=TRUE";
        return Database.open(DatabaseSettings.create(Config.just(ConfigSources.create(Map.of("orderstream.db.url", url)))));
    }
}
