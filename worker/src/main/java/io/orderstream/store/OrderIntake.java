package io.orderstream.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

import io.orderstream.error.QueueFullException;
import io.orderstream.error.StoreUnavailableException;
import io.orderstream.order.OrderEvent;
import io.orderstream.order.OrderRequest;

/**
 * Stores a new order, its first event and its row in the order queue, all or nothing, refused
 * while the queue holds {@code capacity} unfinished orders, or while the order's submitter holds
 * as many as its {@link QueueShare} allows. On PostgreSQL one statement (one round trip); on H2,
 * which has no writable CTEs, three statements in one transaction.
 */
final class OrderIntake {
    private static final String INSERT_ORDER = """
            INSERT INTO orders (id, owner, client_order_id, token_in, token_out, amount, slippage, status, last_seq,
                                progress, created_ms, updated_ms)
            VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', 1, 0, ?, ?)""";
    // Queued only while the queue, and the submitter's share of it, have room; concurrent submits
    // may pass either bound by the few that count at the same instant, never by more.
    static final String ENQUEUE = """
            INSERT INTO order_queue (order_id, available_ms, traceparent, submitter, claim_owner, deliveries)
            SELECT ?, ?, ?, ?, NULL, 0 FROM (SELECT COUNT(*) AS queued FROM order_queue) q WHERE q.queued < ?%s""";
    // ENQUEUE, INSERT_ORDER and INSERT_EVENT as one statement: each step inserts only what the one
    // before it did, so a full queue stores nothing; answers 1 when the order was stored.
    private static final String IN_ONE = """
            WITH queued AS (
                INSERT INTO order_queue (order_id, available_ms, traceparent, submitter, claim_owner, deliveries)
                SELECT ?, ?, ?, ?, NULL, 0 FROM (SELECT COUNT(*) AS queued FROM order_queue) q WHERE q.queued < ?%s
                RETURNING order_id),
            stored AS (
                INSERT INTO orders (id, owner, client_order_id, token_in, token_out, amount, slippage, status,
                                    last_seq, progress, created_ms, updated_ms)
                SELECT ?, ?, ?, ?, ?, ?, ?, 'pending', 1, 0, ?, ? FROM queued
                RETURNING id),
            recorded AS (
                INSERT INTO order_events (order_id, seq, status, progress, message, details, created_ms)
                SELECT ?, ?, ?, ?, ?, ?, ? FROM stored
                RETURNING order_id)
            SELECT COUNT(*) FROM recorded""";
    /** The submitter's own bound, added to the queue's when it has one. */
    private static final String WITHIN_SHARE = " AND (SELECT COUNT(*) FROM order_queue WHERE submitter = ?) < ?";
    private static final String HELD = "SELECT COUNT(*) FROM order_queue WHERE submitter = ?";

    private final Jdbc jdbc;
    private final Dialect dialect;
    private final int capacity;

    OrderIntake(Jdbc jdbc, Dialect dialect, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("Queue capacity must be at least 1, got " + capacity);
        }
        this.jdbc = jdbc;
        this.dialect = dialect;
        this.capacity = capacity;
    }

    /**
     * Stores and queues an order with its first event, and with the trace of its submit for the
     * execution to continue.
     *
     * @return false when the queue or the submitter's share of it is full: nothing was stored
     * @throws Jdbc.UniqueViolation      when the owner's idempotency key is taken
     * @throws StoreUnavailableException when the database failed: nothing was stored
     */
    boolean store(String owner, QueueShare share, OrderRequest request, OrderEvent first,
                  Optional<String> traceparent) {
        Queued queued = new Queued(first, share, traceparent);
        return switch (dialect) {
            case POSTGRESQL -> jdbc.autoCommit(connection -> inOne(connection, owner, request, queued));
            case H2 -> jdbc.inTransaction(connection -> inSteps(connection, owner, request, queued));
        };
    }

    /**
     * Why an order that is not a retry was refused: its submitter's share, or the queue's capacity.
     *
     * @param share the submitter and its bound
     * @return the exception to throw
     */
    RuntimeException refusal(QueueShare share) {
        return shareFull(share) ? new QueueShareExceededException(share) : new QueueFullException(capacity);
    }

    private boolean shareFull(QueueShare share) {
        if (!share.limited()) {
            return false;
        }
        return jdbc.autoCommit(connection -> {
            try (PreparedStatement held = connection.prepareStatement(HELD)) {
                held.setString(1, share.submitter());
                try (ResultSet rows = held.executeQuery()) {
                    return rows.next() && rows.getLong(1) >= share.most();
                }
            }
        });
    }

    private boolean inOne(Connection connection, String owner, OrderRequest request, Queued queued)
            throws SQLException {
        OrderEvent first = queued.first();
        try (PreparedStatement create = connection.prepareStatement(IN_ONE.formatted(queued.within()))) {
            int next = bindEnqueue(create, queued);
            next = bindOrder(create, next, first, owner, request);
            EventStatements.bindEvent(create, next, first);
            try (ResultSet rows = create.executeQuery()) {
                return rows.next() && rows.getInt(1) == 1;
            }
        }
    }

    private boolean inSteps(Connection connection, String owner, OrderRequest request, Queued queued)
            throws SQLException {
        OrderEvent first = queued.first();
        try (PreparedStatement enqueue = connection.prepareStatement(ENQUEUE.formatted(queued.within()))) {
            bindEnqueue(enqueue, queued);
            if (enqueue.executeUpdate() == 0) {
                return false;
            }
        }
        try (PreparedStatement insert = connection.prepareStatement(INSERT_ORDER)) {
            bindOrder(insert, 1, first, owner, request);
            insert.executeUpdate();
        }
        try (PreparedStatement insert = connection.prepareStatement(EventStatements.INSERT_EVENT)) {
            EventStatements.bindEvent(insert, 1, first);
            insert.executeUpdate();
        }
        return true;
    }

    private int bindEnqueue(PreparedStatement statement, Queued queued) throws SQLException {
        statement.setString(1, queued.first().orderId());
        statement.setLong(2, queued.first().timestamp().toEpochMilli());
        statement.setString(3, queued.traceparent().orElse(null));
        statement.setString(4, queued.share().submitter());
        statement.setInt(5, capacity);
        if (!queued.share().limited()) {
            return 6;
        }
        statement.setString(6, queued.share().submitter());
        statement.setInt(7, queued.share().most());
        return 8;
    }

    private static int bindOrder(PreparedStatement statement, int from, OrderEvent first, String owner,
                                 OrderRequest request) throws SQLException {
        statement.setString(from, first.orderId());
        statement.setString(from + 1, owner);
        statement.setString(from + 2, request.clientOrderId().orElse(null));
        statement.setString(from + 3, request.tokenIn());
        statement.setString(from + 4, request.tokenOut());
        statement.setBigDecimal(from + 5, request.amount());
        statement.setBigDecimal(from + 6, request.slippagePercent());
        statement.setLong(from + 7, first.timestamp().toEpochMilli());
        statement.setLong(from + 8, first.timestamp().toEpochMilli());
        return from + 9;
    }

    /** What the order's queue row holds besides the order: its first event's time, share and trace. */
    private record Queued(OrderEvent first, QueueShare share, Optional<String> traceparent) {
        /** The share's condition, when the submitter has a bound of its own. */
        String within() {
            return share.limited() ? WITHIN_SHARE : "";
        }
    }
}
