package io.orderstream.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;

import io.orderstream.codec.EventDetailsCodec;
import io.orderstream.order.EventDetails;
import io.orderstream.order.OrderEvent;

/**
 * The statements that store an event and move its order on, and how an event binds to them:
 * one definition for the gateway's own steps ({@link OrderStore#append}), the executions' batches
 * ({@link EventWriter}) and a new order's first event ({@link OrderIntake}).
 */
final class EventStatements {
    /** Inserts an event; binds with {@link #bindEvent}. */
    static final String INSERT_EVENT = """
            INSERT INTO order_events (order_id, seq, status, progress, message, details, created_ms)
            VALUES (?, ?, ?, ?, ?, ?, ?)""";
    /**
     * Moves an order to an event's step; binds with {@link #bindAdvance}. Progress never goes
     * back: a failure or cancel keeps what the order had reached.
     */
    static final String ADVANCE = """
            UPDATE orders
            SET status = ?, last_seq = ?, progress = ?, updated_ms = ?,
                chosen_dex = COALESCE(CAST(? AS VARCHAR(32)), chosen_dex),
                tx_signature = COALESCE(CAST(? AS VARCHAR(128)), tx_signature),
                amount_out = COALESCE(CAST(? AS NUMERIC(40, 9)), amount_out),
                failure_reason = COALESCE(CAST(? AS VARCHAR(1000)), failure_reason)
            WHERE id = ?""";
    /**
     * {@link #ADVANCE} for an execution: only at the seq it expects, while the order has not ended
     * and its claim is the execution's worker's (three more parameters: previous seq, order id,
     * claim owner).
     */
    static final String CLAIMED_ADVANCE = ADVANCE + """

              AND last_seq = ? AND status NOT IN ('confirmed', 'failed', 'cancelled')
              AND EXISTS (SELECT 1 FROM order_queue q WHERE q.order_id = ? AND q.claim_owner = ?)""";
    /** Takes an ended order off the queue. */
    static final String DEQUEUE = "DELETE FROM order_queue WHERE order_id = ?";

    private EventStatements() {
    }

    /** Binds {@link #ADVANCE}'s parameters for an event; answers the next free index. */
    static int bindAdvance(PreparedStatement advance, OrderEvent event) throws SQLException {
        EventDetails details = event.details();
        advance.setString(1, event.status().wireName());
        advance.setLong(2, event.seq());
        advance.setInt(3, event.progress());
        advance.setLong(4, event.timestamp().toEpochMilli());
        setNullable(advance, 5, details.chosenDex());
        setNullable(advance, 6, details.txSignature());
        if (details.amountOut() == null) {
            advance.setNull(7, Types.NUMERIC);
        } else {
            advance.setBigDecimal(7, details.amountOut());
        }
        setNullable(advance, 8, details.failureReason());
        advance.setString(9, event.orderId());
        return 10;
    }

    /** Binds an event's seven columns from parameter {@code from} on; answers the next free index. */
    static int bindEvent(PreparedStatement statement, int from, OrderEvent event) throws SQLException {
        statement.setString(from, event.orderId());
        statement.setLong(from + 1, event.seq());
        statement.setString(from + 2, event.status().wireName());
        statement.setInt(from + 3, event.progress());
        statement.setString(from + 4, event.message());
        statement.setString(from + 5, EventDetailsCodec.toJson(event.details()));
        statement.setLong(from + 6, event.timestamp().toEpochMilli());
        return from + 7;
    }

    private static void setNullable(PreparedStatement statement, int index, String value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.VARCHAR);
        } else {
            statement.setString(index, value);
        }
    }
}
