package io.orderstream.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import io.orderstream.order.OrderEvent;
import io.orderstream.order.OrderRequest;

/**
 * Stores a new order, its first event and its row in the order queue, all or nothing, refused
 * while the queue holds {@code capacity} unfinished orders. On PostgreSQL one statement (one round
 * trip); on H2, which has no writable CTEs, three statements in one transaction.
 */
final class OrderIntake {
    private static final String INSERT_ORDER = """
            INSERT INTO orders (id, owner, client_order_id, token_in, token_out, amount, slippage, status, last_seq,
                                progress, created_ms, updated_ms)
            VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', 1, 0, ?, ?)""";
    // Queued only while the queue has room; concurrent submits may pass the bound by the few that
    // count at the same instant, never by more.
    private static final String ENQUEUE = """
            INSERT INTO order_queue (order_id, available_ms, claim_owner, deliveries)
            SELECT ?, ?, NULL, 0 FROM (SELECT COUNT(*) AS queued FROM order_queue) q WHERE q.queued < ?""";
    // ENQUEUE, INSERT_ORDER and INSERT_EVENT as one statement: each step inserts only what the one
    // before it did, so a full queue stores nothing; answers 1 when the order was stored.
    private static final String IN_ONE = """
            WITH queued AS (
                INSERT INTO order_queue (order_id, available_ms, claim_owner, deliveries)
                SELECT ?, ?, NULL, 0 FROM (SELECT COUNT(*) AS queued FROM order_queue) q WHERE q.queued < ?
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

    private final Jdbc jdbc;
    private final Dialect dialect;
    private final int capacity;

    OrderIntake(Jdbc jdbc, Dialect dialect, int capacity) {
        this.jdbc = jdbc;
        this.dialect = dialect;
        this.capacity = capacity;
    }

    /**
     * Stores and queues an order with its first event.
     *
     * @return false when the queue is full: nothing was stored
     * @throws Jdbc.UniqueViolation      when the owner's idempotency key is taken
     * @throws StoreUnavailableException when the database failed: nothing was stored
     */
    boolean store(String owner, OrderRequest request, OrderEvent first) {
        return switch (dialect) {
            case POSTGRESQL -> jdbc.autoCommit(connection -> inOne(connection, owner, request, first));
            case H2 -> jdbc.inTransaction(connection -> inSteps(connection, owner, request, first));
        };
    }

    private boolean inOne(Connection connection, String owner, OrderRequest request, OrderEvent first)
            throws SQLException {
        try (PreparedStatement create = connection.prepareStatement(IN_ONE)) {
            int next = bindEnqueue(create, first);
            next = bindOrder(create, next, first, owner, request);
            EventStatements.bindEvent(create, next, first);
            try (ResultSet rows = create.executeQuery()) {
                return rows.next() && rows.getInt(1) == 1;
            }
        }
    }

    private boolean inSteps(Connection connection, String owner, OrderRequest request, OrderEvent first)
            throws SQLException {
        try (PreparedStatement enqueue = connection.prepareStatement(ENQUEUE)) {
            bindEnqueue(enqueue, first);
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

    private int bindEnqueue(PreparedStatement statement, OrderEvent first) throws SQLException {
        statement.setString(1, first.orderId());
        statement.setLong(2, first.timestamp().toEpochMilli());
        statement.setInt(3, capacity);
        return 4;
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
}
