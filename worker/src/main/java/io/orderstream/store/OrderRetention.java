package io.orderstream.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.orderstream.error.StoreUnavailableException;

/**
 * Deletes ended orders ({@code confirmed}, {@code failed}, {@code cancelled}) that are past
 * keeping, with their event history, a small batch per transaction.
 * <p>
 * Safe to run in several processes at once: a batch locks the orders it takes with
 * {@code FOR UPDATE SKIP LOCKED}, so two sweepers never take the same order and neither waits for
 * the other, then deletes their events and the orders by primary key in the same short
 * transaction. An unfinished order is never taken, however old: only a terminal status
 * qualifies. The one way out of one, a failed order's replay ({@link OrderReplays}), locks the
 * same row: it either finds the order deleted, or keeps the sweep from taking it.
 * Thread-safe: all state is in the database.
 */
public final class OrderRetention {
    // Through orders_by_created (created_ms never changes, so the index costs the steps nothing).
    // updated_ms as well: an order that ended only lately is kept for the whole period after its
    // end. No ORDER BY: H2 then locks every matching row before it sorts, seconds over a large
    // table, and which expired orders go first does not matter.
    private static final String EXPIRED = """
            SELECT id FROM orders
            WHERE created_ms < ? AND updated_ms < ? AND status IN ('confirmed', 'failed', 'cancelled')
            LIMIT ? FOR UPDATE SKIP LOCKED""";
    private static final String DELETE_EVENTS = "DELETE FROM order_events WHERE order_id = ANY(?)";
    private static final String DELETE_ORDERS = "DELETE FROM orders WHERE id = ANY(?)";

    private final Jdbc jdbc;

    /**
     * Creates the retention over an open database.
     *
     * @param database the database
     */
    public OrderRetention(Database database) {
        this.jdbc = database.jdbc();
    }

    /**
     * Deletes up to {@code max} ended orders created and last changed before {@code cutoff}, with
     * their events, in one transaction. Orders another sweeper is deleting this instant are
     * skipped, so fewer than {@code max} does not mean that none are left.
     *
     * @param cutoff orders older than this go
     * @param max    most orders to delete
     * @return how many orders were deleted
     * @throws StoreUnavailableException when the database failed; nothing was deleted
     */
    public int deleteEnded(Instant cutoff, int max) {
        if (max < 1) {
            throw new IllegalArgumentException("A batch must delete at least 1 order, got " + max);
        }
        long cutoffMs = cutoff.toEpochMilli();
        return jdbc.inTransaction(connection -> {
            List<String> expired = lockExpired(connection, cutoffMs, max);
            if (expired.isEmpty()) {
                return 0;
            }
            // Events first: they reference their order.
            deleteAll(connection, DELETE_EVENTS, expired);
            return deleteAll(connection, DELETE_ORDERS, expired);
        });
    }

    private static List<String> lockExpired(Connection connection, long cutoffMs, int max) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(EXPIRED)) {
            query.setLong(1, cutoffMs);
            query.setLong(2, cutoffMs);
            query.setInt(3, max);
            List<String> ids = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getString("id"));
                }
            }
            return ids;
        }
    }

    private static int deleteAll(Connection connection, String deleteAny, List<String> ids) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(deleteAny)) {
            IdArray.bind(delete, 1, ids);
            return delete.executeUpdate();
        }
    }
}
