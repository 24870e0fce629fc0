package io.orderstream.engine;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.orderstream.order.EventDetails;
import io.orderstream.order.OrderEvent;
import io.orderstream.order.OrderStatus;
import io.orderstream.store.EventLog;
import io.orderstream.store.OrderStore;

/**
 * One execution's exclusive hold on an order, kept in the store so that it holds across
 * workers: checked and renewed with every step it records, given back when the execution stops,
 * and lapsing by itself when its worker dies. Owned by the thread executing the order.
 */
public final class Lease implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Lease.class.getName());

    private final OrderStore store;
    private final String orderId;
    private final String owner;
    private final Duration length;

    private Lease(OrderStore store, String orderId, String owner, Duration length) {
        this.store = store;
        this.orderId = orderId;
        this.owner = owner;
        this.length = length;
    }

    /**
     * Takes the lease of an order for a new execution.
     *
     * @param store  the store
     * @param orderId the order
     * @param length how long it holds without renewal
     * @return the lease, or empty when another execution holds it or the order has ended
     */
    public static Optional<Lease> take(OrderStore store, String orderId, Duration length) {
        String owner = UUID.randomUUID().toString();
        return store.takeLease(orderId, owner, length)
                ? Optional.of(new Lease(store, orderId, owner, length))
                : Optional.empty();
    }

    /**
     * The order held.
     *
     * @return order id
     */
    public String orderId() {
        return orderId;
    }

    /**
     * Records the order's next event as this execution, renewing the lease in the same
     * transaction.
     *
     * @param events   the event log
     * @param status   the step
     * @param progress 0 to 100
     * @param message  human-readable line
     * @param details  step details
     * @return the event, or empty when the lease was lost or the order can no longer take the step
     */
    public Optional<OrderEvent> record(EventLog events, OrderStatus status, int progress, String message,
                                       EventDetails details) {
        return events.record(orderId, owner, length, status, progress, message, details);
    }

    @Override
    public void close() {
        try {
            store.endLease(orderId, owner);
        } catch (RuntimeException e) {
            // The store is unreachable: the lease lapses by itself.
            LOG.log(Level.FINE, "Lease of order " + orderId + " not given back", e);
        }
    }
}
