package io.orderstream.store;

import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.orderstream.error.QueueFullException;
import io.orderstream.error.StoreUnavailableException;
import io.orderstream.order.EventDetails;
import io.orderstream.order.Order;
import io.orderstream.order.OrderEvent;
import io.orderstream.order.OrderStatus;

/**
 * Replays of failed orders (the dead letters): a failed order is queued again for a new
 * execution of the same order, its history kept.
 * <p>
 * Under the order row's lock, in one transaction: the order goes back to {@code pending}, its
 * outcome of the failed execution (chosen DEX, signature, failure reason and code) is cleared,
 * its progress starts at 0 again, a {@code pending} event takes the next seq, and the order
 * gets a row in the order queue with no deliveries (and the replay's trace, when it is traced),
 * which any worker claims as it claims a new order. Only a failed order is replayed: a confirmed order took effect, a cancelled one was
 * withdrawn by its client, an unfinished one is still running. The queue's capacity holds for
 * replays as for submits; the queue row counts against the order's owner, whose share does not
 * refuse it. A {@code pending} event after an order's first marks where each new
 * execution starts; the engine reads it so (a replay routes, builds and submits afresh, after
 * looking up what earlier executions sent). {@link EventLog#replay} stores a replay through
 * this, then publishes its event.
 * Thread-safe: all state is in the database.
 */
public final class OrderReplays {
    private static final String ORDER_FOR_UPDATE = "SELECT * FROM orders WHERE id = ? FOR UPDATE";
    private static final String RESTART = """
            UPDATE orders
            SET status = 'pending', last_seq = ?, progress = 0, updated_ms = ?, chosen_dex = NULL,
                tx_signature = NULL, amount_out = NULL, failure_reason = NULL, failure_code = NULL
            WHERE id = ? AND status = 'failed'""";

    private final Jdbc jdbc;
    private final Clock clock;
    private final int queueCapacity;

    /**
     * Creates the replays over an open database.
     *
     * @param database      the database
     * @param clock         source of event timestamps
     * @param queueCapacity most unfinished orders at once, as for {@link OrderStore}
     */
    public OrderReplays(Database database, Clock clock, int queueCapacity) {
        this.jdbc = database.jdbc();
        this.clock = clock;
        this.queueCapacity = queueCapacity;
    }

    /**
     * Queues a failed order for a new execution, with its {@code pending} event.
     *
     * @param orderId     the order
     * @param message     the pending event's message
     * @param traceparent the W3C traceparent the new execution continues, when the replay is traced
     * @return the order as the replay left it, pending, and its pending event (not published
     *         yet); empty when there is no such order or it is not failed
     * @throws QueueFullException        when the queue is full; nothing was changed
     * @throws StoreUnavailableException when the database failed; nothing was changed
     */
    Optional<Replay> replay(String orderId, String message, Optional<String> traceparent) {
        return jdbc.inTransaction(connection -> {
            Order order;
            try (PreparedStatement lock = connection.prepareStatement(ORDER_FOR_UPDATE)) {
                lock.setString(1, orderId);
                List<Order> found = Rows.orders(lock);
                if (found.isEmpty() || found.getFirst().status() != OrderStatus.FAILED) {
                    return Optional.empty();
                }
                order = found.getFirst();
            }
            OrderEvent event = new OrderEvent(orderId, order.lastSeq() + 1, OrderStatus.PENDING, 0, message,
                                              Instant.ofEpochMilli(clock.millis()), EventDetails.NONE);
            // Counted against the order's owner, whose unfinished order it is again; held to the
            // queue's capacity, not to the owner's share: an administrator decided to run it.
            try (PreparedStatement enqueue = connection.prepareStatement(OrderIntake.ENQUEUE.formatted(""))) {
                enqueue.setString(1, orderId);
                enqueue.setLong(2, event.timestamp().toEpochMilli());
                enqueue.setString(3, traceparent.orElse(null));
                enqueue.setString(4, order.owner());
                enqueue.setInt(5, queueCapacity);
                if (enqueue.executeUpdate() == 0) {
                    throw new QueueFullException(queueCapacity);
                }
            }
            try (PreparedStatement restart = connection.prepareStatement(RESTART)) {
                restart.setLong(1, event.seq());
                restart.setLong(2, event.timestamp().toEpochMilli());
                restart.setString(3, orderId);
                restart.executeUpdate();
            }
            try (PreparedStatement insert = connection.prepareStatement(EventStatements.INSERT_EVENT)) {
                EventStatements.bindEvent(insert, 1, event);
                insert.executeUpdate();
            }
            // Read back here: once committed, a worker may take the order on at any moment.
            try (PreparedStatement read = connection.prepareStatement(ORDER_FOR_UPDATE)) {
                read.setString(1, orderId);
                return Optional.of(new Replay(Rows.orders(read).getFirst(), event));
            }
        });
    }

    /**
     * A replay as stored.
     *
     * @param order the order, pending again
     * @param event its pending event, which starts the new execution
     */
    public record Replay(Order order, OrderEvent event) {
    }
}
