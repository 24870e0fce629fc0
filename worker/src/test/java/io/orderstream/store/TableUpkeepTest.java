package io.orderstream.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.orderstream.testing.TestH2;
import io.orderstream.testing.TestPostgres;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link TableUpkeep} on a real PostgreSQL, in a schema of its own, whatever the server's
 * autovacuum does: the churned queue is vacuumed, and a plan cached while {@code orders} was
 * empty is made again once the table has grown.
 */
class TableUpkeepTest {
    private static final int ORDERS = 5_000;
    private static final String BY_IDS = "EXECUTE by_ids('{order-1,order-2}')";
    /** Longest wait for PostgreSQL's counters to show what was just written (they lag by up to a second or so). */
    private static final long COUNTERS_WAIT_MILLIS = 20_000;

    private String schema;
    private Database database;

    @BeforeEach
    void open() {
        schema = TestPostgres.createSchema("upkeep");
        // No rounds of its own: the test runs them.
        database = Database.open(DatabaseSettings.create(Config.just(ConfigSources.create(Map.of(
                "orderstream.db.url", TestPostgres.url(schema),
                "orderstream.db.username", TestPostgres.USER,
                "orderstream.db.password", TestPostgres.PASSWORD,
                "orderstream.db.upkeep.seconds", "0")))));
    }

    @AfterEach
    void close() {
        database.close();
        TestPostgres.dropSchema(schema);
    }

    @Test
    void vacuumsTheChurnedQueueAndReplansWhatTheTablesOutgrew() throws Exception {
        TableUpkeep upkeep = TableUpkeep.of(database);
        try (Connection connection = DriverManager.getConnection(TestPostgres.url(schema), TestPostgres.USER,
                                                                 TestPostgres.PASSWORD);
             Statement sql = connection.createStatement()) {
            // The claim's read of its orders, prepared and run while the table is empty, as a
            // pooled connection does on a fresh store: PostgreSQL settles on a generic plan.
            sql.execute("PREPARE by_ids(varchar[]) AS SELECT * FROM orders WHERE id = ANY($1)");
            for (int run = 0; run < 6; run++) {
                sql.execute("EXECUTE by_ids('{a,b}')");
            }
            assertTrue(Explain.plan(sql, BY_IDS).contains("Seq Scan on orders"),
                       "precondition: the cached plan scans the table");

            sql.execute("INSERT INTO orders (id, owner, token_in, token_out, amount, slippage, status, last_seq, "
                                + "progress, created_ms, updated_ms) SELECT 'order-' || g, 'anonymous', 'SOL', "
                                + "'USDC', 1, 0.01, 'confirmed', 1, 100, 0, 0 FROM generate_series(1, " + ORDERS
                                + ") g");
            sql.execute("INSERT INTO order_queue (order_id, available_ms) SELECT 'order-' || g, 0 "
                                + "FROM generate_series(1, " + ORDERS + ") g");
            sql.execute("DELETE FROM order_queue");
            sql.execute("SELECT pg_stat_force_next_flush()");

            TableUpkeep.Round round = roundUntil(upkeep, "order_queue", "orders");
            assertTrue(round.vacuumed().contains("order_queue"), "the queue's dead rows are vacuumed: " + round);
            assertTrue(round.analyzed().contains("orders"), "orders, grown from nothing, is analyzed: " + round);
            assertEquals(0, counter(sql, "order_queue", "n_dead_tup"), "dead rows left in the queue");
            assertTrue(counter(sql, "orders", "analyze_count") + counter(sql, "orders", "autoanalyze_count") >= 1);
            assertFalse(Explain.plan(sql, BY_IDS).contains("Seq Scan on orders"),
                        "the plan follows the table's growth after the analyze: " + Explain.plan(sql, BY_IDS));

            TableUpkeep.Round next = upkeep.round();
            assertEquals(new TableUpkeep.Round(List.of(), List.of()), next, "nothing changed since: nothing to do");
        }
    }

    @Test
    void refusesH2() {
        try (Database h2 = TestH2.open("upkeep")) {
            assertThrows(IllegalArgumentException.class, () -> TableUpkeep.of(h2));
        }
    }

    @Test
    void settingsRefuseANegativeInterval() {
        Config config = Config.just(ConfigSources.create(Map.of("orderstream.db.upkeep.seconds", "-1")));
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                                                        () -> DatabaseSettings.create(config));
        assertTrue(refused.getMessage().contains("orderstream.db.upkeep.seconds"), refused.getMessage());
    }

    /** Rounds until the queue has been vacuumed and orders analyzed, as the counters catch up. */
    private static TableUpkeep.Round roundUntil(TableUpkeep upkeep, String vacuumed, String analyzed)
            throws InterruptedException {
        long deadline = System.currentTimeMillis() + COUNTERS_WAIT_MILLIS;
        List<String> allVacuumed = new ArrayList<>();
        List<String> allAnalyzed = new ArrayList<>();
        while (true) {
            TableUpkeep.Round round = upkeep.round();
            allVacuumed.addAll(round.vacuumed());
            allAnalyzed.addAll(round.analyzed());
            if ((allVacuumed.contains(vacuumed) && allAnalyzed.contains(analyzed))
                    || System.currentTimeMillis() > deadline) {
                return new TableUpkeep.Round(allVacuumed, allAnalyzed);
            }
            Thread.sleep(200);
        }
    }

    private static long counter(Statement sql, String table, String column) throws SQLException {
        try (ResultSet rows = sql.executeQuery("SELECT " + column + " FROM pg_stat_user_tables "
                                                       + "WHERE schemaname = current_schema() AND relname = '" + table
                                                       + "'")) {
            assertTrue(rows.next(), table + " has no counters");
            return rows.getLong(1);
        }
    }
}
