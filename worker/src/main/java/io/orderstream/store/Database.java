package io.orderstream.store;

import java.util.Locale;

import io.helidon.config.Config;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;

/**
 * The database: a HikariCP pool with the schema brought up to date by Flyway.
 * <p>
 * H2 (embedded, the default) and PostgreSQL (distributed) differ only in the JDBC URL, and in
 * the one statement {@link Dialect} words differently.
 */
public final class Database implements AutoCloseable {
    /** A file under {@code ./data}; lower-case identifiers, as PostgreSQL folds them. */
    public static final String DEFAULT_URL =
            "jdbc:h2:file:./data/orderstream;DATABASE_TO_LOWER=TRUE;AUTO_SERVER=FALSE";

    private final HikariDataSource dataSource;
    private final Jdbc jdbc;
    private final Dialect dialect;

    private Database(HikariDataSource dataSource) {
        this.dataSource = dataSource;
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        this.jdbc = new Jdbc(dataSource);
        this.dialect = Dialect.of(dataSource.getJdbcUrl());
    }

    /**
     * Opens the database that {@code orderstream.db} configures ({@code url}, {@code username},
     * {@code password}, {@code pool.size}) and migrates its schema.
     *
     * @param dbConfig the {@code orderstream.db} node
     * @return the open database
     */
    public static Database open(Config dbConfig) {
        HikariConfig hikari = new HikariConfig();
        String url = dbConfig.get("url").asString().orElse(DEFAULT_URL);
        hikari.setJdbcUrl(url);
        hikari.setUsername(dbConfig.get("username").asString().orElse(""));
        hikari.setPassword(dbConfig.get("password").asString().orElse(""));
        hikari.setMaximumPoolSize(dbConfig.get("pool.size").asInt().orElse(16));
        hikari.setPoolName("orderstream-db");
        if (Dialect.of(url) == Dialect.POSTGRESQL) {
            // Batched inserts of the event writer go as one multi-row statement.
            hikari.addDataSourceProperty("reWriteBatchedInserts", "true");
            // A connection whose server stopped answering fails instead of hanging its caller (an
            // execution waiting for its step would keep its claim renewed by the heartbeat).
            hikari.addDataSourceProperty("socketTimeout", "30");
        }
        HikariDataSource dataSource;
        try {
            dataSource = new HikariDataSource(hikari);
        } catch (RuntimeException e) {
            throw new StoreUnavailableException("The database at " + url + " cannot be reached: " + e.getMessage(), e);
        }
        try {
            return new Database(dataSource);
        } catch (RuntimeException | Error e) {
            dataSource.close();
            throw e;
        }
    }

    /**
     * Whether one process alone opens this database (an embedded H2 file or in-memory database,
     * not an H2 server or auto-server): nothing else can hold claims in it.
     *
     * @return true when private to this process
     */
    public boolean isPrivate() {
        String url = dataSource.getJdbcUrl();
        return (url.startsWith("jdbc:h2:file:") || url.startsWith("jdbc:h2:mem:"))
                && !url.toUpperCase(Locale.ROOT).contains("AUTO_SERVER=TRUE");
    }

    Jdbc jdbc() {
        return jdbc;
    }

    Dialect dialect() {
        return dialect;
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
