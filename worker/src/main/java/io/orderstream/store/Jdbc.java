package io.orderstream.store;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import io.orderstream.error.StoreUnavailableException;

/**
 * Runs work on a pooled connection, as one transaction or as single statements, and turns
 * {@link SQLException} into {@link StoreUnavailableException} or, for a unique key, into
 * {@link UniqueViolation} for the caller to handle.
 */
final class Jdbc {
    private static final String UNIQUE_VIOLATION = "23505";

    private final DataSource dataSource;

    Jdbc(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Work on one connection. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /**
     * Runs {@code work} in one transaction: committed when it returns, rolled back when it throws.
     */
    <T> T inTransaction(Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            T result;
            try {
                result = work.run(connection);
            } catch (SQLException | RuntimeException | Error e) {
                rollback(connection, e);
                throw e;
            }
            connection.commit();
            return result;
        } catch (SQLException e) {
            throw translate(e);
        }
    }

    /** Runs {@code work} with auto-commit, for reads and single statements. */
    <T> T autoCommit(Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            return work.run(connection);
        } catch (SQLException e) {
            throw translate(e);
        }
    }

    private static void rollback(Connection connection, Throwable failure) {
        try {
            connection.rollback();
        } catch (SQLException rollbackFailure) {
            // The connection may already be broken; the pool discards it.
            failure.addSuppressed(rollbackFailure);
        }
    }

    static RuntimeException translate(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return new UniqueViolation(e);
            }
        }
        // The message reaches clients; the database's own (SQL text included) stays in the cause.
        return new StoreUnavailableException("The order store is unavailable", e);
    }

    /** A unique key was violated: an expected outcome some callers act on. */
    static final class UniqueViolation extends RuntimeException {
        UniqueViolation(SQLException cause) {
            super(cause.getMessage(), cause);
        }
    }
}
