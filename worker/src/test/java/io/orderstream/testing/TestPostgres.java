package io.orderstream.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import io.orderstream.store.Database;
import io.orderstream.store.DatabaseSettings;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The shared PostgreSQL the tests run against ({@code -Dorderstream.test.postgres=jdbc:postgresql://...},
 * default the database {@code test} on 127.0.0.1:5432 as user {@code postgres}). Each test class
 * works in a fresh schema of its own, which it drops afterwards.
 */
public final class TestPostgres {
    /** JDBC URL of the test database, without parameters. */
    public static final String URL = System.getProperty("orderstream.test.postgres",
                                                        "jdbc:postgresql://127.0.0.1:5432/test");
    /** User name. */
    public static final String USER = System.getProperty("orderstream.test.postgres.user", "postgres");
    /** Password; empty with trust authentication. */
    public static final String PASSWORD = System.getProperty("orderstream.test.postgres.password", "");

    private TestPostgres() {
    }

    /**
     * Creates a schema with a name no other run uses.
     *
     * @param what the test's subject, lower case
     * @return the schema's name
     */
    public static String createSchema(String what) {
        byte[] random = new byte[4];
        ThreadLocalRandom.current().nextBytes(random);
        String schema = "ostest_" + what + "_" + HexFormat.of().formatHex(random);
        execute("CREATE SCHEMA " + schema);
        return schema;
    }

    /**
     * The JDBC URL whose connections work in a schema.
     *
     * @param schema the schema
     * @return URL with {@code currentSchema}
     */
    public static String url(String schema) {
        return URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    /**
     * Drops a schema and everything in it.
     *
     * @param schema the schema
     */
    public static void dropSchema(String schema) {
        execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }

    private static void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(URL, USER, PASSWORD);
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            fail("PostgreSQL at " + URL + " (user " + USER + ") refused '" + sql + "': " + e.getMessage()
                         + ". Start it with: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start, "
                         + "or point -Dorderstream.test.postgres at one.", e);
        }
    }

    /**
     * Opens the production database on a schema, migrated.
     *
     * @param schema a schema from {@link #createSchema(String)}
     * @return the open database
     */
    public static Database open(String schema) {
        return Database.open(DatabaseSettings.create(Config.just(ConfigSources.create(Map.of(
                "orderstream.db.url", url(schema),
                "orderstream.db.username", USER,
                "orderstream.db.password", PASSWORD)))));
    }
}
