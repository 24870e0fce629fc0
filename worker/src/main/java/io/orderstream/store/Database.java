package io.orderstream.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

import io.orderstream.error.StoreUnavailableException;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.MetricsTrackerFactory;
import org.flywaydb.core.Flyway;

/**
 * The database: a HikariCP pool with the schema brought up to date by Flyway.
 * <p>
 * H2 (embedded, the default) and PostgreSQL (distributed) differ only in the JDBC URL, and in
 * the one statement {@link Dialect} words differently. On PostgreSQL it runs its {@link TableUpkeep}
 * while open.
 */
public final class Database implements AutoCloseable {
    private final HikariDataSource dataSource;
    private final Jdbc jdbc;
    private final Dialect dialect;
    private final Optional<TableUpkeep> upkeep;

    private Database(HikariDataSource dataSource, Duration upkeepInterval) {
        this.dataSource = dataSource;
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        this.jdbc = new Jdbc(dataSource);
        this.dialect = Dialect.of(dataSource.getJdbcUrl());
        this.upkeep = dialect == Dialect.POSTGRESQL && upkeepInterval.isPositive()
                ? Optional.of(TableUpkeep.of(this).start(upkeepInterval))
                : Optional.empty();
    }

    /**
     * Opens the database and migrates its schema, and starts its upkeep on PostgreSQL; its pool
     * reports no meters.
     *
     * @param settings where it is and how many connections to use
     * @return the open database
     * @throws StoreUnavailableException when it cannot be reached
     */
    public static Database open(DatabaseSettings settings) {
        return open(settings, Optional.empty());
    }

    /**
     * Opens the database and migrates its schema.
     *
     * @param settings    where it is and how many connections to use
     * @param poolMetrics what the connection pool reports its meters to, if anything
     * @return the open database
     * @throws StoreUnavailableException when it cannot be reached
     */
    public static Database open(DatabaseSettings settings, Optional<MetricsTrackerFactory> poolMetrics) {
        HikariConfig hikari = new HikariConfig();
        poolMetrics.ifPresent(hikari::setMetricsTrackerFactory);
        String url = settings.url();
        hikari.setJdbcUrl(url);
        hikari.setUsername(settings.username());
        hikari.setPassword(settings.password());
        hikari.setMaximumPoolSize(settings.poolSize());
        hikari.setPoolName("orderstream-db");
        if (Dialect.of(url) == Dialect.POSTGRESQL) {
            // Batched inserts of the event writer go as one multi-row statement.
            hikari.addDataSourceProperty("reWriteBatchedInserts", "true");
            // A connection whose server stopped answering fails instead of hanging its caller (an
            // execution waiting for its step would keep its claim renewed by the heartbeat).
            hikari.addDataSourceProperty("socketTimeout", "30");
        } else if (!url.toUpperCase(Locale.ROOT).contains("QUERY_CACHE_SIZE")) {
            // H2 parses a statement again on every prepare once a connection has prepared more
            // distinct ones than its cache holds (8 by default); the store prepares a few dozen
            // (claims by batch size among them), and parsing took a twentieth of the gateway's time.
            hikari.addDataSourceProperty("QUERY_CACHE_SIZE", "256");
        }
        HikariDataSource dataSource;
        try {
            dataSource = new HikariDataSource(hikari);
        } catch (RuntimeException e) {
            throw new StoreUnavailableException("The database at " + url + " cannot be reached: " + e.getMessage(), e);
        }
        try {
            return new Database(dataSource, settings.upkeep());
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

    /**
     * Checks that the database answers now: a connection from the pool, validated by the driver
     * (a round trip such as {@code SELECT 1}). Waiting for a free connection is bounded by the
     * pool's own timeout, not by {@code timeout}: callers that must not wait long bound it themselves.
     *
     * @param timeout longest wait for the driver's answer, at least one second
     * @throws StoreUnavailableException when it does not answer
     */
    public void ping(Duration timeout) {
        int seconds = (int) Math.max(1, timeout.toSeconds());
        try (Connection connection = dataSource.getConnection()) {
            if (!connection.isValid(seconds)) {
                throw new StoreUnavailableException("The database did not answer within " + seconds + " s", null);
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("The database cannot be reached: " + e.getMessage(), e);
        }
    }

    Jdbc jdbc() {
        return jdbc;
    }

    Dialect dialect() {
        return dialect;
    }

    @Override
    public void close() {
        try {
            upkeep.ifPresent(TableUpkeep::close);
        } finally {
            dataSource.close();
        }
    }
}
