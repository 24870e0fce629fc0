package io.orderstream.store;

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
     * Whether this is an H2 database, which one process alone opens (the embedded mode's file,
     * or a test's in-memory database): nothing else can hold claims in it.
     *
     * @return true for H2
     */
    public boolean isPrivate() {
        return dialect == Dialect.H2;
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
