package io.orderstream.engine;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import io.orderstream.error.StoreUnavailableException;
import io.orderstream.logs.OrderLog;
import io.orderstream.order.EventDetails;
import io.orderstream.order.Order;
import io.orderstream.order.OrderEvent;
import io.orderstream.order.OrderStatus;
import io.orderstream.store.EventLog;
import io.orderstream.store.EventWriter;

/**
 * One execution of one claimed order: reads what earlier executions recorded, and records its
 * own steps under the worker's claim, each taking the seq after the one before it. A step is
 * refused when the claim was lost to another worker, or the order ended or moved on elsewhere
 * (a cancel): the execution must stop. Each change of the order's status is logged
 * ({@link OrderLog}).
 * <p>
 * Steps that gate nothing outside the store are {@linkplain #note noted}: queued for the event
 * writer without waiting, so the execution goes on while they are written (several of them often
 * commit together). A step that must be stored before the execution acts on the world, such as
 * the attempt before a transaction is sent, is {@linkplain #record recorded}: that waits for it
 * and for every step noted before it, in order. The writer stores an order's steps in the order
 * they were queued and each only at the seq after the one before, so once one is refused every
 * later one is refused too: nothing is stored out of order, and the wait tells the execution.
 * Owned by the thread executing the order; not thread-safe.
 */
public final class Claim {
    private final String owner;
    private final EventLog events;
    private final Order order;
    // Steps queued and not yet waited for, oldest first.
    private final Deque<CompletableFuture<Optional<OrderEvent>>> unconfirmed = new ArrayDeque<>();
    // As this execution expects the order to stand once its queued steps are stored.
    private long lastSeq;
    private int progress;
    // As stored: the status of the last step confirmed stored.
    private OrderStatus status;

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
        this.status = order.status();
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
     * What earlier executions of the order recorded after its pending event: where this one resumes.
     *
     * @return the stored events after the first, in seq order; none for a fresh order
     * @throws StoreUnavailableException when the store cannot be read
     */
    public List<OrderEvent> history() {
        // A fresh order's only event is its pending one: nothing to read.
        return order.lastSeq() > 1 ? events.after(order.id(), 1) : List.of();
    }

    /**
     * Queues the order's next event without waiting for it to be stored. Whether it was stored is
     * learnt at the next {@link #record}: a refused or failed note makes that refused or failed.
     *
     * @param status   the step
     * @param progress 0 to 100; the order's progress when that is higher
     * @param message  human-readable line
     * @param details  step details
     * @throws InterruptedException when the worker is stopping while the writer's queue is full
     */
    public void note(OrderStatus status, int progress, String message, EventDetails details)
            throws InterruptedException {
        unconfirmed.addLast(queue(status, progress, message, details));
    }

    /**
     * Records the order's next event, waiting until it and every step noted before it are stored.
     *
     * @param status   the step
     * @param progress 0 to 100; the order's progress when that is higher
     * @param message  human-readable line
     * @param details  step details
     * @return the event, or empty when the claim was lost or the order can no longer take this
     *         step or one noted before it
     * @throws InterruptedException      when the worker is stopping; the step may still be stored
     * @throws StoreUnavailableException when this step or one noted before it could not be stored
     */
    public Optional<OrderEvent> record(OrderStatus status, int progress, String message, EventDetails details)
            throws InterruptedException {
        unconfirmed.addLast(queue(status, progress, message, details));
        Optional<OrderEvent> stored = Optional.empty();
        while (!unconfirmed.isEmpty()) {
            stored = confirmed(unconfirmed.peekFirst());
            unconfirmed.removeFirst();
            if (stored.isEmpty()) {
                // Refused: so is every later step, which expected this one's seq before it.
                unconfirmed.clear();
                return stored;
            }
            logStatusChange(stored.get());
        }
        return stored;
    }

    private CompletableFuture<Optional<OrderEvent>> queue(OrderStatus status, int progress, String message,
                                                          EventDetails details) throws InterruptedException {
        EventWriter.Step step = new EventWriter.Step(order.id(), owner, lastSeq, status,
                                                     Math.max(this.progress, progress), message, details);
        CompletableFuture<Optional<OrderEvent>> result = events.append(step);
        lastSeq++;
        this.progress = step.progress();
        return result;
    }

    private Optional<OrderEvent> confirmed(CompletableFuture<Optional<OrderEvent>> step) throws InterruptedException {
        try {
            return step.get();
        } catch (ExecutionException e) {
            unconfirmed.clear();
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new StoreUnavailableException("Step of order " + order.id() + " not stored", e.getCause());
        }
    }

    private void logStatusChange(OrderEvent event) {
        if (event.status() != status) {
            OrderLog.changed(order.id(), order.owner(), Optional.of(status), event.status(), event.message());
            status = event.status();
        }
    }
}
