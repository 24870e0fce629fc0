package io.orderstream.store;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import io.orderstream.order.Order;
import io.orderstream.order.OrderRequest;
import io.orderstream.testing.TestPostgres;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Orders stored before orders had owners (schema version 4) belong to the anonymous owner after
 * the migration, keep their idempotency keys, and those keys stay the anonymous owner's alone.
 */
class OwnerMigrationTest {
    @Test
    void ordersOfBeforeBelongToTheAnonymousOwnerOnH2() throws SQLException {
        byte[] random = new byte[4];
        ThreadLocalRandom.current().nextBytes(random);
        String url = "jdbc:h2:mem:owners" + HexFormat.of().formatHex(random) + ";DB_CLOSE_DELAY=-1;DATABASE_TO_LOWER=TRUE";
        try {
            migrateOldOrders(url, "", "");
            try (Database database = Database.open(DatabaseSettings.create(Config.just(ConfigSources.create(
                    Map.of("orderstream.db.url", url)))))) {
                checkOwners(database);
            }
        } finally {
            try (Connection connection = DriverManager.getConnection(url);
                 Statement statement = connection.createStatement()) {
                statement.execute("SHUTDOWN");
            }
        }
    }

    @Test
    void ordersOfBeforeBelongToTheAnonymousOwnerOnPostgres() throws SQLException {
        String schema = TestPostgres.createSchema("owners");
        try {
            migrateOldOrders(TestPostgres.url(schema), TestPostgres.USER, TestPostgres.PASSWORD);
            try (Database database = TestPostgres.open(schema)) {
                checkOwners(database);
            }
        } finally {
            TestPostgres.dropSchema(schema);
        }
    }

    /** The schema as it was before owners, with two orders in it, one with an idempotency key. */
    private static void migrateOldOrders(String url, String user, String password) throws SQLException {
        Flyway.configure().dataSource(url, user, password).locations("classpath:db/migration").target("4")
                .load().migrate();
        try (Connection connection = DriverManager.getConnection(url, user, password);
             Statement statement = connection.createStatement()) {
            statement.execute("""
                    INSERT INTO orders (id, client_order_id, token_in, token_out, amount, slippage, status, last_seq,
                                        progress, created_ms, updated_ms)
                    VALUES ('00000000-0000-4000-8000-000000000001', 'old-key', 'SOL', 'USDC', 1, 1, 'confirmed', 7,
                            100, 1, 2),
                           ('00000000-0000-4000-8000-000000000002', NULL, 'SOL', 'USDC', 2, 1, 'failed', 3, 30, 3, 4)""");
        }
    }

    private static void checkOwners(Database database) {
        OrderStore store = new OrderStore(database, Clock.systemUTC(), 100);
        Order keyed = store.find("00000000-0000-4000-8000-000000000001").orElseThrow();
        Order unkeyed = store.find("00000000-0000-4000-8000-000000000002").orElseThrow();
        assertEquals(Order.ANONYMOUS_OWNER, keyed.owner());
        assertEquals(Order.ANONYMOUS_OWNER, unkeyed.owner());
        assertEquals(Optional.of("old-key"), keyed.request().clientOrderId());

        OrderRequest again = new OrderRequest("SOL", "USDC", BigDecimal.ONE, BigDecimal.ONE, Optional.of("old-key"));
        OrderStore.Creation retried = store.create(again, "Order received");
        assertFalse(retried.created(), "the anonymous owner's key still names its order");
        assertEquals(keyed.id(), retried.order().id());
        assertTrue(store.create("alice", again, "Order received", Optional.empty()).created(),
                   "another owner may use the same key");
    }
}
