package io.orderstream.distributed;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * A {@link Cluster}'s own PostgreSQL schema: created with the cluster, dropped with it, and read
 * by tests to check what its processes stored.
 * <p>
 * The server is {@code -Dorderstream.test.postgres} (default the database {@code test} on
 * 127.0.0.1:5432) as {@code -Dorderstream.test.postgres.user} (default {@code postgres}).
 */
public final class ClusterSchema {
    private static final String POSTGRES = System.getProperty("orderstream.test.postgres",
                                                              "jdbc:postgresql://127.0.0.1:5432/test");
    private static final String POSTGRES_USER = System.getProperty("orderstream.test.postgres.user", "postgres");

    private final String name;

    private ClusterSchema(String name) {
        this.name = name;
    }

    /**
     * Creates a schema.
     *
     * @param name its name, unique to the cluster
     * @return the schema
     */
    static ClusterSchema create(String name) {
        execute("CREATE SCHEMA " + name);
        return new ClusterSchema(name);
    }

    /** JDBC URL of the schema, as the processes are given it. */
    String url() {
        return POSTGRES + (POSTGRES.contains("?") ? "&" : "?") + "currentSchema=" + name;
    }

    /** The database user. */
    String user() {
        return POSTGRES_USER;
    }

    /** Drops the schema and everything in it. */
    void drop() {
        execute("DROP SCHEMA IF EXISTS " + name + " CASCADE");
    }

    /**
     * Orders a worker process holds claims on now (claim owners begin with {@code worker-<pid>-}).
     *
     * @param worker the worker process
     * @return claims held
     */
    public long claimsHeldBy(NodeProcess worker) {
        try (Connection connection = connect();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT COUNT(*) FROM " + name + ".order_queue WHERE claim_owner LIKE ?")) {
            query.setString(1, "worker-" + worker.pid() + "-%");
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        } catch (SQLException e) {
            return fail("PostgreSQL at " + POSTGRES + " could not count claims: " + e.getMessage(), e);
        }
    }

    /**
     * Orders whose stored history does not hold exactly one terminal event.
     *
     * @return their ids, each with how many terminal events it has
     */
    public List<String> ordersNotEndedOnce() {
        String sql = "SELECT o.id, COUNT(e.seq) FROM " + name + ".orders o LEFT JOIN " + name + ".order_events e"
                + " ON e.order_id = o.id AND e.status IN ('confirmed', 'failed', 'cancelled')"
                + " GROUP BY o.id HAVING COUNT(e.seq) <> 1";
        List<String> found = new ArrayList<>();
        try (Connection connection = connect();
             PreparedStatement query = connection.prepareStatement(sql);
             ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                found.add(rows.getString(1) + " (" + rows.getLong(2) + " terminal events)");
            }
        } catch (SQLException e) {
            fail("PostgreSQL at " + POSTGRES + " could not count terminal events: " + e.getMessage(), e);
        }
        return found;
    }

    @Override
    public String toString() {
        return name;
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(POSTGRES, POSTGRES_USER, "");
    }

    private static void execute(String sql) {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            fail("PostgreSQL at " + POSTGRES + " refused '" + sql + "': " + e.getMessage(), e);
        }
    }
}
