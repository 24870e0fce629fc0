package io.orderstream.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.orderstream.error.IdempotencyConflictException;
import io.orderstream.error.StoreUnavailableException;
import io.orderstream.order.EventDetails;
import io.orderstream.order.FailureCode;
import io.orderstream.order.Order;
import io.orderstream.order.OrderEvent;
import io.orderstream.order.OrderRequest;
import io.orderstream.order.OrderStatus;

/**
 * Orders and their event history: the system's record of truth.
 * <p>
 * A new order is stored with its first event and its row in the order queue, in one
 * transaction. Events appended here (by the gateway: a cancel) take the next {@code seq} under the
 * order row's lock, so seqs run 1, 2, 3 ... without gaps even when a worker and a cancel race;
 * executions append through the {@link EventWriter}, which checks the seq they expect instead.
 * A terminal event removes the order's queue row in the same transaction.
 * Thread-safe: all state is in the database.
 */
public final class OrderStore {
    private static final String GET_ORDER = "SELECT * FROM orders WHERE id = ?";
    private static final String GET_ORDER_FOR_UPDATE = "SELECT * FROM orders WHERE id = ? FOR UPDATE";
    private static final String GET_BY_CLIENT_ID = "SELECT * FROM orders WHERE owner = ? AND client_order_id = ?";
    // The filters (owner, status, failure code) are each on or off; a query without a filter has no condition on it.
    private static final String LIST = """
            SELECT * FROM orders
            WHERE %s(created_ms < ? OR (created_ms = ? AND id < ?))
            ORDER BY created_ms DESC, id DESC
            FETCH FIRST ? ROWS ONLY""";
    private static final String EVENTS_AFTER =
            "SELECT * FROM order_events WHERE order_id = ? AND seq > ? ORDER BY seq";

    private final Jdbc jdbc;
    private final OrderIntake intake;
    private final Clock clock;

    /**
     * Creates a store over an open database.
     *
     * @param database      the database
     * @param clock         source of event timestamps
     * @param queueCapacity most unfinished orders at once, at least 1; more are refused
     */
    public OrderStore(Database database, Clock clock, int queueCapacity) {
        this.jdbc = database.jdbc();
        this.intake = new OrderIntake(jdbc, database.dialect(), queueCapacity);
        this.clock = clock;
    }

    /**
     * Stores a new order of the {@linkplain Order#ANONYMOUS_OWNER anonymous owner}; see
     * {@link #create(String, OrderRequest, String, Optional)}.
     *
     * @param request      the validated request
     * @param firstMessage message of the pending event
     * @return the order, and its first event when it was created now
     */
    public Creation create(OrderRequest request, String firstMessage) {
        return create(Order.ANONYMOUS_OWNER, request, firstMessage, Optional.empty());
    }

    /**
     * {@link #create(String, QueueShare, OrderRequest, String, Optional)}, bound by the queue alone.
     *
     * @param owner        the subject submitting it
     * @param request      the validated request
     * @param firstMessage message of the pending event
     * @param traceparent  the submit's W3C traceparent
     * @return the order, and its first event when it was created now
     */
    public Creation create(String owner, OrderRequest request, String firstMessage, Optional<String> traceparent) {
        return create(owner, QueueShare.unlimited(owner), request, firstMessage, traceparent);
    }

    /**
     * Stores a new order with its first event ({@code pending}, seq 1) and queues it, in one
     * transaction: a refused order leaves nothing behind.
     * <p>
     * With a client order id the same owner already used for the same order, answers that order
     * and no event; used for a different order, throws. Another owner's key is no concern: keys
     * are per owner.
     *
     * @param owner        the subject submitting it
     * @param share        who its queue entry counts against, and how many unfinished orders they may have
     * @param request      the validated request
     * @param firstMessage message of the pending event
     * @param traceparent  the submit's W3C traceparent, queued with the order for its execution to continue
     * @return the order, and its first event when it was created now
     * @throws IdempotencyConflictException when the client order id belongs to another order of this owner
     * @throws QueueShareExceededException  when the submitter has its share of unfinished orders; nothing stored
     * @throws io.orderstream.error.QueueFullException when the queue is full; nothing was stored
     * @throws StoreUnavailableException    when the database failed; nothing was stored
     */
    public Creation create(String owner, QueueShare share, OrderRequest request, String firstMessage,
                           Optional<String> traceparent) {
        String id = UUID.randomUUID().toString();
        long now = clock.millis();
        OrderEvent first = new OrderEvent(id, 1, OrderStatus.PENDING, 0, firstMessage, Instant.ofEpochMilli(now),
                                          EventDetails.NONE);
        try {
            if (!intake.store(owner, share, request, first, traceparent)) {
                // A retry of an order already accepted is answered with it, full queue or share or not.
                return request.clientOrderId().flatMap(key -> findByClientOrderId(owner, key))
                        .map(existing -> idempotent(existing, request))
                        .orElseThrow(() -> intake.refusal(share));
            }
            Order order = new Order(id, owner, request, OrderStatus.PENDING, 1, 0, first.timestamp(), first.timestamp(),
                                    Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                                    Optional.empty());
            return new Creation(order, Optional.of(first));
        } catch (Jdbc.UniqueViolation e) {
            if (request.clientOrderId().isEmpty()) {
                throw new StoreUnavailableException("Order " + id + " could not be stored", e);
            }
            Order existing = findByClientOrderId(owner, request.clientOrderId().get())
                    .orElseThrow(() -> new StoreUnavailableException("Order could not be stored", e));
            return idempotent(existing, request);
        }
    }

    /** The answer to a request whose idempotency key an order already has. */
    private static Creation idempotent(Order existing, OrderRequest request) {
        if (!existing.request().sameOrderAs(request)) {
            throw new IdempotencyConflictException(request.clientOrderId().orElseThrow(), existing.id());
        }
        return new Creation(existing, Optional.empty());
    }

    /**
     * Appends the next event of an order and moves the order to its status, under the order
     * row's lock. For the gateway's own steps (a cancel), recorded through {@link EventLog#record},
     * which publishes what this stored; executions use the {@link EventWriter}.
     * <p>
     * Refused (empty) when the order is already terminal, or, for {@code cancelled}, when it has
     * reached a DEX: the caller lost a race and must not act on the order any more.
     *
     * @param orderId  the order
     * @param status   the event's step, and the order's status after it
     * @param progress 0 to 100; the event keeps the order's progress when that is higher
     * @param message  human-readable line
     * @param details  step details; chosen DEX, signature, amount out and failure reason are
     *                 also kept on the order
     * @return the stored event, or empty when the transition was refused
     */
    Optional<OrderEvent> append(String orderId, OrderStatus status, int progress, String message,
                                EventDetails details) {
        return jdbc.inTransaction(connection -> {
            Optional<Order> locked = queryOne(connection, GET_ORDER_FOR_UPDATE, orderId);
            if (locked.isEmpty() || !locked.get().status().canMoveTo(status)) {
                return Optional.empty();
            }
            Order order = locked.get();
            OrderEvent event = new OrderEvent(orderId, order.lastSeq() + 1, status,
                                              Math.max(order.progress(), progress), message,
                                              Instant.ofEpochMilli(clock.millis()), details);
            try (PreparedStatement advance = connection.prepareStatement(EventStatements.ADVANCE)) {
                EventStatements.bindAdvance(advance, event);
                advance.executeUpdate();
            }
            try (PreparedStatement insert = connection.prepareStatement(EventStatements.INSERT_EVENT)) {
                EventStatements.bindEvent(insert, 1, event);
                insert.executeUpdate();
            }
            if (status.isTerminal()) {
                try (PreparedStatement dequeue = connection.prepareStatement(EventStatements.DEQUEUE)) {
                    dequeue.setString(1, orderId);
                    dequeue.executeUpdate();
                }
            }
            return Optional.of(event);
        });
    }

    /**
     * One order.
     *
     * @param orderId the id
     * @return the order, or empty when there is none
     */
    public Optional<Order> find(String orderId) {
        return jdbc.autoCommit(connection -> queryOne(connection, GET_ORDER, orderId));
    }

    /**
     * Orders, newest first.
     *
     * @param owner       only this owner's, or every owner's
     * @param status      only this status, or all
     * @param failureCode only orders that failed for this reason, or all
     * @param limit       at most this many
     * @param cursor      where the page starts
     * @return the page
     */
    public OrderPage list(Optional<String> owner, Optional<OrderStatus> status, Optional<FailureCode> failureCode,
                          int limit, PageCursor cursor) {
        String filters = owner.map(o -> "owner = ? AND ").orElse("") + status.map(s -> "status = ? AND ").orElse("")
                + failureCode.map(c -> "failure_code = ? AND ").orElse("");
        List<Order> orders = jdbc.autoCommit(connection -> {
            try (PreparedStatement query = connection.prepareStatement(LIST.formatted(filters))) {
                int i = 1;
                if (owner.isPresent()) {
                    query.setString(i++, owner.get());
                }
                if (status.isPresent()) {
                    query.setString(i++, status.get().wireName());
                }
                if (failureCode.isPresent()) {
                    query.setString(i++, failureCode.get().tag());
                }
                query.setLong(i++, cursor.createdMs());
                query.setLong(i++, cursor.createdMs());
                query.setString(i++, cursor.orderId());
                // One more than asked tells whether another page follows.
                query.setInt(i, limit + 1);
                return Rows.orders(query);
            }
        });
        if (orders.size() <= limit) {
            return new OrderPage(orders, Optional.empty());
        }
        List<Order> page = orders.subList(0, limit);
        return new OrderPage(page, Optional.of(PageCursor.after(page.getLast())));
    }

    /**
     * The stored history of an order after a seq, in order.
     *
     * @param orderId  the order
     * @param afterSeq the last seq already known; 0 for all
     * @return the events, possibly none
     */
    public List<OrderEvent> eventsAfter(String orderId, long afterSeq) {
        return jdbc.autoCommit(connection -> {
            try (PreparedStatement query = connection.prepareStatement(EVENTS_AFTER)) {
                query.setString(1, orderId);
                query.setLong(2, afterSeq);
                try (ResultSet rows = query.executeQuery()) {
                    List<OrderEvent> events = new ArrayList<>();
                    while (rows.next()) {
                        events.add(Rows.event(rows));
                    }
                    return events;
                }
            }
        });
    }

    private Optional<Order> findByClientOrderId(String owner, String clientOrderId) {
        return jdbc.autoCommit(connection -> {
            try (PreparedStatement query = connection.prepareStatement(GET_BY_CLIENT_ID)) {
                query.setString(1, owner);
                query.setString(2, clientOrderId);
                List<Order> found = Rows.orders(query);
                return found.isEmpty() ? Optional.empty() : Optional.of(found.getFirst());
            }
        });
    }

    private static Optional<Order> queryOne(Connection connection, String sql, String key) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, key);
            List<Order> found = Rows.orders(query);
            return found.isEmpty() ? Optional.empty() : Optional.of(found.getFirst());
        }
    }

    /**
     * The result of {@link #create(String, OrderRequest, String, Optional)}.
     *
     * @param order      the order
     * @param firstEvent its pending event, when the order was created by this call
     */
    public record Creation(Order order, Optional<OrderEvent> firstEvent) {
        /**
         * Whether this call created the order (false when an idempotency key matched).
         *
         * @return true when new
         */
        public boolean created() {
            return firstEvent.isPresent();
        }
    }
}
