package io.orderstream.store;

import java.time.Duration;
import java.util.Optional;

import io.orderstream.bus.EventBus;
import io.orderstream.order.EventDetails;
import io.orderstream.order.OrderEvent;
import io.orderstream.order.OrderStatus;

/**
 * Records events: stored first (the history, with its seq), then published (the fast path).
 * The one way anything, worker or gateway, adds to an order's life.
 */
public final class EventLog {
    private final OrderStore store;
    private final EventBus bus;

    /**
     * Creates the log.
     *
     * @param store where events are stored
     * @param bus   where stored events are published
     */
    public EventLog(OrderStore store, EventBus bus) {
        this.store = store;
        this.bus = bus;
    }

    /**
     * Stores and publishes the next event of an order.
     *
     * @param orderId  the order
     * @param status   the step
     * @param progress 0 to 100
     * @param message  human-readable line
     * @param details  step details
     * @return the event, or empty when the order can no longer take this step (see
     *         {@link OrderStore#append})
     */
    public Optional<OrderEvent> record(String orderId, OrderStatus status, int progress, String message,
                                       EventDetails details) {
        Optional<OrderEvent> event = store.append(orderId, status, progress, message, details);
        event.ifPresent(this::publish);
        return event;
    }

    /**
     * Stores and publishes the next event of an order for the execution holding its lease,
     * renewing the lease (see {@link OrderStore#append(String, String, Duration, OrderStatus, int, String,
     * EventDetails)}).
     *
     * @param orderId     the order
     * @param leaseOwner  the execution holding the lease
     * @param leaseLength how long the renewed lease holds
     * @param status      the step
     * @param progress    0 to 100
     * @param message     human-readable line
     * @param details     step details
     * @return the event, or empty when the lease was lost or the order can no longer take this step
     */
    public Optional<OrderEvent> record(String orderId, String leaseOwner, Duration leaseLength,
                                       OrderStatus status, int progress, String message, EventDetails details) {
        Optional<OrderEvent> event = store.append(orderId, leaseOwner, leaseLength, status, progress, message,
                                                  details);
        event.ifPresent(this::publish);
        return event;
    }

    /**
     * Publishes an event that is already stored.
     *
     * @param event the stored event
     */
    public void publish(OrderEvent event) {
        bus.publish(event);
    }
}
