package io.orderstream.store;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import io.orderstream.order.EventDetails;
import io.orderstream.order.Order;
import io.orderstream.order.OrderEvent;
import io.orderstream.order.OrderRequest;
import io.orderstream.order.OrderStatus;

import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbRow;
import io.helidon.dbclient.DbTransaction;

/**
 * Orders and their event history: the system's record of truth.
 * <p>
 * Every event gets the next {@code seq} of its order inside one transaction that also moves the
 * order on; the order row's lock serialises appenders, so seqs run 1, 2, 3 ... without gaps even
 * when a worker and a cancel race. Thread-safe: all state is in the database.
 */
public final class OrderStore {
    private static final String UNIQUE_VIOLATION = "23505";

    private final DbClient db;
    private final Clock clock;

    /**
     * Creates a store over an open database.
     *
     * @param database the database
     * @param clock    source of event timestamps
     */
    public OrderStore(Database database, Clock clock) {
        this.db = database.client();
        this.clock = clock;
    }

    /**
     * Stores a new order with its first event ({@code pending}, seq 1).
     * <p>
     * With a client order id already used for the same order, answers that order and no event;
     * used for a different order, throws.
     *
     * @param request     the validated request
     * @param firstMessage message of the pending event
     * @return the order, and its first event when it was created now
     * @throws IdempotencyConflictException when the client order id belongs to another order
     */
    public Creation create(OrderRequest request, String firstMessage) {
        String id = UUID.randomUUID().toString();
        long now = clock.millis();
        Map<String, Object> params = new HashMap<>();
        params.put("id", id);
        params.put("clientOrderId", request.clientOrderId().orElse(null));
        params.put("tokenIn", request.tokenIn());
        params.put("tokenOut", request.tokenOut());
        params.put("amount", request.amount());
        params.put("slippage", request.slippagePercent());
        params.put("status", OrderStatus.PENDING.wireName());
        params.put("now", now);
        try {
            OrderEvent first = inTransaction(tx -> {
                tx.createNamedInsert("insert-order").params(params).execute();
                return advance(tx, id, null, 0, OrderStatus.PENDING, 0, firstMessage, EventDetails.NONE).orElseThrow();
            });
            return new Creation(find(id).orElseThrow(), Optional.of(first));
        } catch (RuntimeException e) {
            if (request.clientOrderId().isEmpty() || !isUniqueViolation(e)) {
                throw e;
            }
            Order existing = findByClientOrderId(request.clientOrderId().get()).orElseThrow(() -> e);
            if (!existing.request().sameOrderAs(request)) {
                throw new IdempotencyConflictException(request.clientOrderId().get(), existing.id());
            }
            return new Creation(existing, Optional.empty());
        }
    }

    /**
     * Appends the next event of an order and moves the order to its status.
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
    public Optional<OrderEvent> append(String orderId, OrderStatus status, int progress, String message,
                                       EventDetails details) {
        return inTransaction(tx -> advance(tx, orderId, null, 0, status, progress, message, details));
    }

    /**
     * Appends the next event for the execution that holds the order's lease, renewing the lease
     * in the same transaction; refused (empty) when the lease was lost, as well as in the cases
     * of {@link #append(String, OrderStatus, int, String, EventDetails)}.
     *
     * @param orderId     the order
     * @param leaseOwner  the execution holding the lease
     * @param leaseLength how long the renewed lease holds
     * @param status      the event's step
     * @param progress    0 to 100
     * @param message     human-readable line
     * @param details     step details
     * @return the stored event, or empty when refused
     */
    public Optional<OrderEvent> append(String orderId, String leaseOwner, Duration leaseLength, OrderStatus status,
                                       int progress, String message, EventDetails details) {
        return inTransaction(tx -> advance(tx, orderId, leaseOwner, leaseLength.toMillis(), status, progress,
                                           message, details));
    }

    /**
     * One order.
     *
     * @param orderId the id
     * @return the order, or empty when there is none
     */
    public Optional<Order> find(String orderId) {
        return db.execute().createNamedGet("get-order").addParam("id", orderId).execute().map(OrderStore::toOrder);
    }

    /**
     * Orders, newest first.
     *
     * @param status only this status, or all
     * @param limit  at most this many
     * @param cursor where the page starts
     * @return the page
     */
    public OrderPage list(Optional<OrderStatus> status, int limit, PageCursor cursor) {
        Map<String, Object> params = new HashMap<>();
        params.put("beforeMs", cursor.createdMs());
        params.put("beforeId", cursor.orderId());
        // One more than asked tells whether another page follows.
        params.put("limit", limit + 1);
        status.ifPresent(s -> params.put("status", s.wireName()));
        String statement = status.isPresent() ? "list-orders-by-status" : "list-orders";
        List<Order> orders = db.execute().createNamedQuery(statement).params(params).execute()
                .map(OrderStore::toOrder)
                .toList();
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
        return db.execute().createNamedQuery("events-after")
                .addParam("orderId", orderId)
                .addParam("afterSeq", afterSeq)
                .execute()
                .map(OrderStore::toEvent)
                .toList();
    }

    /**
     * Takes an order's execution lease for {@code length}, or renews it for its holder.
     *
     * @param orderId the order
     * @param owner   the execution asking, unique to it
     * @param length  how long the lease holds without renewal
     * @return false when another execution holds it, or the order has ended
     */
    public boolean takeLease(String orderId, String owner, Duration length) {
        long now = clock.millis();
        return db.execute().createNamedUpdate("take-lease")
                .addParam("id", orderId)
                .addParam("owner", owner)
                .addParam("now", now)
                .addParam("until", now + length.toMillis())
                .execute() == 1;
    }

    /**
     * Gives an execution lease back, if {@code owner} still holds it.
     *
     * @param orderId the order
     * @param owner   the execution that held it
     */
    public void endLease(String orderId, String owner) {
        db.execute().createNamedUpdate("end-lease").addParam("id", orderId).addParam("owner", owner).execute();
    }

    /**
     * Orders not yet in a terminal state, oldest first.
     *
     * @return their ids
     */
    public List<String> unfinishedOrderIds() {
        return db.execute().namedQuery("unfinished-orders")
                .map(row -> string(row, "id"))
                .toList();
    }

    /**
     * Unfinished orders nothing has moved for {@code untouchedFor} and no live execution holds,
     * oldest first, at most 1,000.
     *
     * @param untouchedFor how long since their last event
     * @return their ids
     */
    public List<String> staleOrderIds(Duration untouchedFor) {
        long now = clock.millis();
        return db.execute().createNamedQuery("stale-orders")
                .addParam("before", now - untouchedFor.toMillis())
                .addParam("now", now)
                .execute()
                .map(row -> string(row, "id"))
                .toList();
    }

    /**
     * Counts one more delivery of the order to a worker.
     *
     * @param orderId the order
     * @return deliveries so far, this one included
     */
    public int countDelivery(String orderId) {
        return inTransaction(tx -> {
            tx.createNamedUpdate("count-delivery").addParam("id", orderId).execute();
            return tx.createNamedGet("get-order").addParam("id", orderId).execute()
                    .map(row -> toOrder(row).deliveries())
                    .orElse(0);
        });
    }

    private Optional<Order> findByClientOrderId(String clientOrderId) {
        return db.execute().createNamedGet("get-order-by-client-id")
                .addParam("clientOrderId", clientOrderId).execute().map(OrderStore::toOrder);
    }

    private Optional<OrderEvent> advance(DbTransaction tx, String orderId, String leaseOwner, long leaseMillis,
                                         OrderStatus status, int progress, String message, EventDetails details) {
        long now = clock.millis();
        Map<String, Object> params = new HashMap<>();
        params.put("id", orderId);
        params.put("now", now);
        params.put("progress", progress);
        params.put("failureReason", details.failureReason());
        long updated;
        if (status == OrderStatus.CANCELLED) {
            updated = tx.createNamedUpdate("cancel-order").params(params).execute();
        } else {
            params.put("status", status.wireName());
            params.put("chosenDex", details.chosenDex());
            params.put("txSignature", details.txSignature());
            params.put("amountOut", details.amountOut());
            params.put("leaseOwner", leaseOwner);
            params.put("leaseUntil", now + leaseMillis);
            updated = tx.createNamedUpdate("advance-order").params(params).execute();
        }
        if (updated == 0) {
            return Optional.empty();
        }
        DbRow position = tx.createNamedGet("get-position").addParam("id", orderId).execute().orElseThrow();
        long seq = number(position, "last_seq").longValue();
        int storedProgress = number(position, "progress").intValue();
        OrderEvent event = new OrderEvent(orderId, seq, status, storedProgress, message, Instant.ofEpochMilli(now),
                                          details);
        tx.createNamedInsert("insert-event")
                .addParam("orderId", orderId)
                .addParam("seq", seq)
                .addParam("status", status.wireName())
                .addParam("progress", storedProgress)
                .addParam("message", message)
                .addParam("details", EventDetailsCodec.toJson(details))
                .addParam("now", now)
                .execute();
        return Optional.of(event);
    }

    private <T> T inTransaction(Function<DbTransaction, T> work) {
        DbTransaction tx = db.transaction();
        T result;
        try {
            result = work.apply(tx);
        } catch (RuntimeException | Error e) {
            try {
                tx.rollback();
            } catch (RuntimeException rollbackFailure) {
                // The DB client may have closed the connection on the failed statement already.
                e.addSuppressed(rollbackFailure);
            }
            throw e;
        }
        tx.commit();
        return result;
    }

    private static boolean isUniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private static Order toOrder(DbRow row) {
        OrderRequest request = new OrderRequest(
                string(row, "token_in"),
                string(row, "token_out"),
                decimal(row, "amount"),
                decimal(row, "slippage"),
                Optional.ofNullable(string(row, "client_order_id")));
        return new Order(
                string(row, "id"),
                request,
                status(row),
                number(row, "last_seq").longValue(),
                number(row, "progress").intValue(),
                Instant.ofEpochMilli(number(row, "created_ms").longValue()),
                Instant.ofEpochMilli(number(row, "updated_ms").longValue()),
                Optional.ofNullable(string(row, "chosen_dex")),
                Optional.ofNullable(string(row, "tx_signature")),
                Optional.ofNullable(decimal(row, "amount_out")),
                Optional.ofNullable(string(row, "failure_reason")),
                number(row, "deliveries").intValue());
    }

    private static OrderEvent toEvent(DbRow row) {
        return new OrderEvent(
                string(row, "order_id"),
                number(row, "seq").longValue(),
                status(row),
                number(row, "progress").intValue(),
                string(row, "message"),
                Instant.ofEpochMilli(number(row, "created_ms").longValue()),
                EventDetailsCodec.fromJson(string(row, "details")));
    }

    private static OrderStatus status(DbRow row) {
        String name = string(row, "status");
        return OrderStatus.fromWireName(name)
                .orElseThrow(() -> new IllegalStateException("Unknown stored status " + name));
    }

    private static String string(DbRow row, String column) {
        Object value = value(row, column);
        return value == null ? null : value.toString();
    }

    private static Number number(DbRow row, String column) {
        return (Number) value(row, column);
    }

    private static BigDecimal decimal(DbRow row, String column) {
        Object value = value(row, column);
        if (value == null) {
            return null;
        }
        // NUMERIC columns pad to their scale; 10.000000000 reads back as 10, not 1E+1.
        BigDecimal stripped = ((BigDecimal) value).stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    private static Object value(DbRow row, String column) {
        // SQL NULL is an empty value to the DB client, which get() refuses.
        return row.column(column).asOptional().orElse(null);
    }

    /**
     * The result of {@link #create(OrderRequest, String)}.
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
