package io.orderstream.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** PostgreSQL's plan for a prepared statement, as the tests that check plans read it. */
final class Explain {
    private Explain() {
    }

    /**
     * The plan {@code EXPLAIN EXECUTE} shows: the one the session has cached, if any.
     *
     * @param sql     a statement of the session that prepared it
     * @param execute e.g. {@code EXECUTE claim('worker', 1, 0, 10)}
     * @return the plan's lines, one per line
     * @throws SQLException when PostgreSQL refuses it
     */
    static String plan(Statement sql, String execute) throws SQLException {
        StringBuilder plan = new StringBuilder();
        try (ResultSet rows = sql.executeQuery("EXPLAIN " + execute)) {
            while (rows.next()) {
                plan.append(rows.getString(1)).append('\n');
            }
        }
        return plan.toString();
    }
}
