package io.orderstream.store;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import java.util.function.Function;

import io.orderstream.codec.EventDetailsCodec;
import io.orderstream.order.EventDetails;
import io.orderstream.order.FailureCode;
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
                failure_reason = COALESCE(CAST(? AS VARCHAR(1000)), failure_reason),
                failure_code = COALESCE(CAST(? AS VARCHAR(32)), failure_code)
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
        return bindAdvance(advance, List.of(event));
    }

    /**
     * Binds {@link #ADVANCE}'s parameters for consecutive events of one order at once: the order
     * ends as the last of them leaves it, each column the events may leave unset taking the last
     * value one of them set, as advancing by each in turn would. Answers the next free index.
     */
    static int bindAdvance(PreparedStatement advance, List<OrderEvent> run) throws SQLException {
        OrderEvent last = run.getLast();
        advance.setString(1, last.status().wireName());
        advance.setLong(2, last.seq());
        advance.setInt(3, last.progress());
        advance.setLong(4, last.timestamp().toEpochMilli());
        setNullable(advance, 5, lastSet(run, EventDetails::chosenDex));
        setNullable(advance, 6, lastSet(run, EventDetails::txSignature));
        BigDecimal amountOut = lastSet(run, EventDetails::amountOut);
        if (amountOut == null) {
            advance.setNull(7, Types.NUMERIC);
        } else {
            advance.setBigDecimal(7, amountOut);
        }
        setNullable(advance, 8, lastSet(run, EventDetails::failureReason));
        FailureCode failureCode = lastSet(run, EventDetails::failureCode);
        setNullable(advance, 9, failureCode == null ? null : failureCode.tag());
        advance.setString(10, last.orderId());
        return 11;
    }

    private static <T> T lastSet(List<OrderEvent> run, Function<EventDetails, T> column) {
        for (int i = run.size() - 1; i >= 0; i--) {
            T value = column.apply(run.get(i).details());
            if (value != null) {
                return value;
            }
        }
        return null;
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
