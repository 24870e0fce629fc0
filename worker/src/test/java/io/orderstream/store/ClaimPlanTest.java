package io.orderstream.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import io.orderstream.testing.TestPostgres;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The claim's statement on a real PostgreSQL: the plan a connection caches for it while the
 * store is empty still reads each claimed order by its key once {@code orders} has grown, with
 * no analyze in between (as where autovacuum is off and the upkeep has not run yet).
 */
class ClaimPlanTest {
    private static final int ORDERS = 20_000;

    private String schema;

    @BeforeEach
    void migrate() {
        schema = TestPostgres.createSchema("claimplan");
        TestPostgres.open(schema).close();
    }

    @AfterEach
    void drop() {
        TestPostgres.dropSchema(schema);
    }

    @Test
    void readsClaimedOrdersByKeyWhateverTheTableGrewTo() throws SQLException {
        try (Connection connection = DriverManager.getConnection(TestPostgres.url(schema), TestPostgres.USER,
                                                                 TestPostgres.PASSWORD);
             Statement sql = connection.createStatement()) {
            sql.execute("PREPARE claim(varchar, bigint, bigint, int) AS " + numbered(ClaimStatements.CLAIM_AND_READ));
            // Past the five custom plans after which PostgreSQL settles on a generic one.
            for (int run = 0; run < 7; run++) {
                sql.execute("EXECUTE claim('worker', 1, 0, 10)");
            }
            sql.execute("INSERT INTO orders (id, owner, token_in, token_out, amount, slippage, status, last_seq, "
                                + "progress, created_ms, updated_ms) SELECT 'order-' || g, 'anonymous', 'SOL', "
                                + "'USDC', 1, 0.01, 'confirmed', 1, 100, 0, 0 FROM generate_series(1, " + ORDERS
                                + ") g");

            String plan = Explain.plan(sql, "EXECUTE claim('worker', 1, 0, 10)");
            assertTrue(plan.contains("Index Scan using orders_pkey on orders"), plan);
            assertFalse(plan.contains("Seq Scan on orders"), plan);
        }
    }

    /** The statement with PostgreSQL's numbered parameters in place of JDBC's question marks. */
    private static String numbered(String jdbc) {
        StringBuilder numbered = new StringBuilder();
        int next = 1;
        for (char c : jdbc.toCharArray()) {
            if (c == '?') {
                numbered.append('$').append(next++);
            } else {
                numbered.append(c);
            }
        }
        return numbered.toString();
    }
}
