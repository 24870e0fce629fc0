package io.orderstream.engine;

import java.util.Optional;
import java.util.concurrent.ExecutionException;

import io.orderstream.order.EventDetails;
import io.orderstream.order.Order;
import io.orderstream.order.OrderEvent;
import io.orderstream.order.OrderStatus;
import io.orderstream.store.EventLog;
import io.orderstream.store.EventWriter;
import io.orderstream.store.StoreUnavailableException;

/**
 * One execution of one claimed order: records its steps under the worker's claim, each taking
 * the seq after the last one this execution stored. A step is refused when the claim was lost
 * to another worker, or the order ended or moved on elsewhere (a cancel): the execution must
 * stop. Owned by the thread executing the order; not thread-safe.
 */
public final class Claim {
    private final String owner;
    private final EventLog events;
    private final Order order;
    private long lastSeq;
    private int progress;

    /**
     * An execution of an order as it was stored when claimed.
     *
     * @param owner  the worker holding the claim
     * @param events where steps are recorded
     * @param order  the order, read in the claim's transaction
     */
    public Claim(String owner, EventLog events, Order order) {
        this.owner = owner;
        this.events = events;
        this.order = order;
        this.lastSeq = order.lastSeq();
        this.progress = order.progress();
    }

    /**
     * The order held, as it was stored when claimed.
     *
     * @return the order
     */
    public Order order() {
        return order;
    }

    /**
     * Records the order's next event, waiting until it is stored.
     *
     * @param status   the step
     * @param progress 0 to 100; the order's progress when that is higher
     * @param message  human-readable line
     * @param details  step details
     * @return the event, or empty when the claim was lost or the order can no longer take the step
     * @throws InterruptedException      when the worker is stopping; the step may still be stored
     * @throws StoreUnavailableException when the step could not be stored
     */
    public Optional<OrderEvent> record(OrderStatus status, int progress, String message, EventDetails details)
            throws InterruptedException {
        EventWriter.Step step = new EventWriter.Step(order.id(), owner, lastSeq, status,
                                                     Math.max(this.progress, progress), message, details);
        Optional<OrderEvent> stored;
        try {
            stored = events.append(step).get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new StoreUnavailableException("Step of order " + order.id() + " not stored", e.getCause());
        }
        stored.ifPresent(event -> {
            lastSeq = event.seq();
            this.progress = event.progress();
        });
        return stored;
    }
}
