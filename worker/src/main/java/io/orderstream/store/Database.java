package io.orderstream.store;

import java.sql.Connection;
import java.sql.SQLException;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbClientException;
import io.helidon.dbclient.DbStatements;
import io.helidon.dbclient.jdbc.JdbcClientBuilder;
import io.helidon.dbclient.jdbc.JdbcConnectionPool;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;

/**
 * The database: a HikariCP pool, the schema brought up to date by Flyway, and a Helidon
 * {@link DbClient} running the named statements of {@code db/statements.yaml}.
 * <p>
 * H2 (embedded, the default) and PostgreSQL (distributed) differ only in the JDBC URL.
 */
public final class Database implements AutoCloseable {
    /** A file under {@code ./data}; lower-case identifiers, as PostgreSQL folds them. */
    public static final String DEFAULT_URL =
            "jdbc:h2:file:./data/orderstream;DATABASE_TO_LOWER=TRUE;AUTO_SERVER=FALSE";

    private final HikariDataSource dataSource;
    private final DbClient dbClient;

    private Database(HikariDataSource dataSource) {
        this.dataSource = dataSource;
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        DbStatements statements = DbStatements.create(
                Config.just(ConfigSources.classpath("db/statements.yaml")).get("statements"));
        this.dbClient = JdbcClientBuilder.create()
                .connectionPool(new HikariPool(dataSource))
                .statements(statements)
                .build();
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
        hikari.setJdbcUrl(dbConfig.get("url").asString().orElse(DEFAULT_URL));
        hikari.setUsername(dbConfig.get("username").asString().orElse(""));
        hikari.setPassword(dbConfig.get("password").asString().orElse(""));
        hikari.setMaximumPoolSize(dbConfig.get("pool.size").asInt().orElse(16));
        hikari.setPoolName("orderstream-db");
        return new Database(new HikariDataSource(hikari));
    }

    /**
     * The client that runs named statements.
     *
     * @return the Helidon DB client
     */
    public DbClient client() {
        return dbClient;
    }

    @Override
    public void close() {
        dbClient.close();
        dataSource.close();
    }

    /** Lends HikariCP's connections to the Helidon DB client. */
    private record HikariPool(HikariDataSource dataSource) implements JdbcConnectionPool {
        @Override
        public Connection connection() {
            try {
                return dataSource.getConnection();
            } catch (SQLException e) {
                throw new DbClientException("No database connection available", e);
            }
        }

        @Override
        public String dbType() {
            String url = dataSource.getJdbcUrl();
            return url.startsWith("jdbc:postgresql") ? "postgresql" : "h2";
        }
    }
}
