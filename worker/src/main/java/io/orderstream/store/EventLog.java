package io.orderstream.store;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import io.orderstream.bus.EventBus;
import io.orderstream.order.EventDetails;
import io.orderstream.order.OrderEvent;
import io.orderstream.order.OrderStatus;

/**
 * Records events: stored first (the history, with its seq), then published (the fast path).
 * The one way anything, worker or gateway, adds to an order's life once it exists (its first
 * event is stored with the order, by {@link OrderStore#create}): the gateway's own steps one at
 * a time under the order's row lock, a failed order's replay with its own ({@link OrderReplays}),
 * executions' steps through the group-committing {@link EventWriter}. Nothing outside this
 * package can store or publish an event but through it.
 */
public final class EventLog {
    private final OrderStore store;
    private final OrderReplays replays;
    private final EventWriter writer;
    private final EventBus bus;

    /**
     * Creates the log.
     *
     * @param store   where the gateway's steps are stored
     * @param replays where replays of failed orders are stored
     * @param writer  where executions' steps are stored; it publishes them itself
     * @param bus     where stored events are published
     */
    public EventLog(OrderStore store, OrderReplays replays, EventWriter writer, EventBus bus) {
        this.store = store;
        this.replays = replays;
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
     * Queues a failed order for a new execution with its {@code pending} event (see
     * {@link OrderReplays#replay}), then publishes that event.
     *
     * @param orderId     the order
     * @param message     the pending event's message
     * @param traceparent the W3C traceparent the new execution continues, when the replay is traced
     * @return the order as the replay left it, and its pending event; empty when there is no such
     *         order or it is not failed
     * @throws io.orderstream.error.QueueFullException        when the queue is full; nothing changed
     * @throws io.orderstream.error.StoreUnavailableException when the database failed; nothing changed
     */
    public Optional<OrderReplays.Replay> replay(String orderId, String message, Optional<String> traceparent) {
        Optional<OrderReplays.Replay> replay = replays.replay(orderId, message, traceparent);
        replay.ifPresent(stored -> publish(stored.event()));
        return replay;
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
     * The stored history of an order after a seq, as an execution resumes from it.
     *
     * @param orderId  the order
     * @param afterSeq the last seq already known; 0 for all
     * @return the events, in seq order, possibly none
     */
    public List<OrderEvent> after(String orderId, long afterSeq) {
        return store.eventsAfter(orderId, afterSeq);
    }

    private void publish(OrderEvent event) {
        bus.publish(event);
    }
}
