package io.orderstream.store;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import io.orderstream.bus.EventBus;
import io.orderstream.order.EventDetails;
import io.orderstream.order.OrderEvent;
import io.orderstream.order.OrderStatus;

/**
 * Records events: stored first (the history, with its seq), then published (the fast path).
 * The one way anything, worker or gateway, adds to an order's life: the gateway's own steps
 * one at a time under the order's row lock, executions' steps through the group-committing
 * {@link EventWriter}.
 */
public final class EventLog {
    private final OrderStore store;
    private final EventWriter writer;
    private final EventBus bus;

    /**
     * Creates the log.
     *
     * @param store  where the gateway's steps are stored
     * @param writer where executions' steps are stored; it publishes them itself
     * @param bus    where stored events are published
     */
    public EventLog(OrderStore store, EventWriter writer, EventBus bus) {
        this.store = store;
        this.writer = writer;
        this.bus = bus;
    }

    /**
     * Stores and publishes the next event of an order (a step the gateway takes: a cancel).
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
     * Stores an execution's step with the next batch, then publishes it.
     *
     * @param step the step, under the execution's claim
     * @return completes with the stored event, or empty when the step was refused (claim lost,
     *         order ended, or moved on elsewhere)
     * @throws InterruptedException when interrupted while the writer's queue is full
     */
    public CompletableFuture<Optional<OrderEvent>> append(EventWriter.Step step) throws InterruptedException {
        return writer.append(step);
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
