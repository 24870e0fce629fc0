package io.orderstream.store;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.orderstream.error.StoreUnavailableException;
import io.orderstream.order.EventDetails;
import io.orderstream.order.OrderEvent;
import io.orderstream.order.OrderStatus;
import io.orderstream.tracing.TraceContext;

/**
 * Stores the steps that executions record, many orders' steps in one transaction (group
 * commit), then hands the stored events, in the order they were stored, to be published.
 * <p>
 * A step is stored only while its execution still holds the order's claim, the order has not
 * ended, and the order's last seq is the one the execution expects; otherwise it is refused
 * (an empty result) and the execution stops. A terminal step removes the order's queue row in
 * the same transaction. An execution may queue several steps before it waits for them: they
 * take the same lane, in the order queued, and each is stored only at the seq after the one
 * before it (in the same batch or an earlier one), so once one is refused so is every later one,
 * and an order's events are stored and published in seq order.
 * <p>
 * Each of a few lanes owns one thread and one bounded queue: the thread takes what has queued up
 * (at most {@value #MAX_BATCH} steps), writes it, completes each step's future, and hands the
 * stored events to the lane's {@link LanePublisher}.
 * An order's steps always take the same lane, so its events are published in seq order; several
 * lanes let one batch commit while another lane writes its own. {@link #append} blocks while its lane's
 * queue is full.
 */
public final class EventWriter implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(EventWriter.class.getName());
    private static final int MAX_BATCH = 256;
    private static final long IDLE_POLL_MILLIS = 100;

    private final Jdbc jdbc;
    private final Clock clock;
    private final List<BlockingQueue<Pending>> lanes;
    private final List<LanePublisher> publishers;
    private final List<Thread> threads;
    private volatile boolean closed;

    /**
     * Starts a writer.
     *
     * @param database  the database
     * @param clock     source of event timestamps
     * @param lanes     batches written at once, each on a connection of its own
     * @param capacity  most steps waiting to be written in each lane
     * @param publisher publishes stored events; called on one thread per lane, in the order stored
     */
    public EventWriter(Database database, Clock clock, int lanes, int capacity,
                       Consumer<List<OrderEvent>> publisher) {
        if (lanes < 1) {
            throw new IllegalArgumentException("An event writer needs at least one lane, got " + lanes);
        }
        this.jdbc = database.jdbc();
        this.clock = clock;
        List<BlockingQueue<Pending>> queues = new ArrayList<>();
        List<LanePublisher> lanePublishers = new ArrayList<>();
        List<Thread> started = new ArrayList<>();
        for (int i = 0; i < lanes; i++) {
            BlockingQueue<Pending> queue = new ArrayBlockingQueue<>(capacity);
            LanePublisher lanePublisher = new LanePublisher("event-publisher-" + i, publisher);
            queues.add(queue);
            lanePublishers.add(lanePublisher);
            started.add(Thread.ofPlatform().name("event-writer-" + i).daemon().start(() -> run(queue, lanePublisher)));
        }
        this.lanes = List.copyOf(queues);
        this.publishers = List.copyOf(lanePublishers);
        this.threads = List.copyOf(started);
    }

    /**
     * A step an execution wants stored.
     *
     * @param orderId    the order
     * @param claimOwner the worker whose claim the execution runs under
     * @param afterSeq   the order's last seq as the execution knows it; the step takes the next
     * @param status     the step
     * @param progress   0 to 100, already at least the order's progress
     * @param message    human-readable line
     * @param details    step details
     */
    public record Step(String orderId, String claimOwner, long afterSeq, OrderStatus status, int progress,
                       String message, EventDetails details) {
        OrderEvent toEvent(Instant now) {
            return new OrderEvent(orderId, afterSeq + 1, status, progress, message, now, details);
        }
    }

    /**
     * Queues a step for the next batch.
     *
     * @param step the step
     * @return completes with the stored event, or empty when the step was refused; completes
     *         exceptionally with {@link StoreUnavailableException} when it could not be stored
     * @throws InterruptedException when interrupted while the queue is full
     */
    CompletableFuture<Optional<OrderEvent>> append(Step step) throws InterruptedException {
        // The step's span goes with it: the lane's publisher traces its publish as a child.
        Pending entry = new Pending(step, new CompletableFuture<>(), TraceContext.current());
        if (closed) {
            entry.result.completeExceptionally(new StoreUnavailableException("The event writer has stopped", null));
            return entry.result;
        }
        BlockingQueue<Pending> lane = lanes.get(Math.floorMod(step.orderId().hashCode(), lanes.size()));
        lane.put(entry);
        if (closed) {
            // Closed meanwhile: the thread may have gone; fail what it will not write.
            failRemaining(lane);
        }
        return entry.result;
    }

    private void run(BlockingQueue<Pending> pending, LanePublisher lanePublisher) {
        List<Pending> batch = new ArrayList<>(MAX_BATCH);
        while (!closed || !pending.isEmpty()) {
            try {
                Pending first = pending.poll(IDLE_POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                pending.drainTo(batch, MAX_BATCH - 1);
                lanePublisher.offer(write(batch));
            } catch (InterruptedException e) {
                // Only close interrupts, and it lets the loop drain what is queued.
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException | Error e) {
                // A bug in this loop must not leave executions waiting forever.
                LOG.log(Level.SEVERE, "Event writer failed on a batch of " + batch.size(), e);
                batch.forEach(entry -> entry.result.completeExceptionally(e));
            } finally {
                batch.clear();
            }
        }
        failRemaining(pending);
    }

    /** Writes a batch in one transaction or, when that fails, each step on its own. */
    private List<Stored> write(List<Pending> batch) {
        Instant now = Instant.ofEpochMilli(clock.millis());
        List<OrderEvent> events = batch.stream().map(entry -> entry.step.toEvent(now)).toList();
        List<Optional<OrderEvent>> results;
        try {
            results = jdbc.inTransaction(connection -> StepBatch.store(connection, steps(batch), events));
        } catch (RuntimeException e) {
            if (batch.size() == 1) {
                batch.getFirst().result.completeExceptionally(e);
                return List.of();
            }
            return writeEach(batch, events);
        }
        List<Stored> stored = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            Pending entry = batch.get(i);
            entry.result.complete(results.get(i));
            results.get(i).ifPresent(event -> stored.add(new Stored(event, entry.trace)));
        }
        return stored;
    }

    /** One step that fails (a value the schema refuses) must not fail the others with it. */
    private List<Stored> writeEach(List<Pending> batch, List<OrderEvent> events) {
        List<Stored> stored = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            List<Pending> one = List.of(batch.get(i));
            List<OrderEvent> itsEvent = List.of(events.get(i));
            try {
                Optional<OrderEvent> result = jdbc.inTransaction(connection -> StepBatch.store(connection, steps(one), itsEvent))
                        .getFirst();
                Pending entry = batch.get(i);
                entry.result.complete(result);
                result.ifPresent(event -> stored.add(new Stored(event, entry.trace)));
            } catch (RuntimeException e) {
                batch.get(i).result.completeExceptionally(e);
            }
        }
        return stored;
    }

    private static List<Step> steps(List<Pending> batch) {
        return batch.stream().map(Pending::step).toList();
    }

    private static void failRemaining(BlockingQueue<Pending> lane) {
        List<Pending> left = new ArrayList<>();
        lane.drainTo(left);
        StoreUnavailableException stopped = new StoreUnavailableException("The event writer has stopped", null);
        left.forEach(entry -> entry.result.completeExceptionally(stopped));
    }

    /** Stops taking steps, writes those already queued, and stops the lanes' threads. */
    @Override
    public void close() {
        closed = true;
        try {
            for (Thread thread : threads) {
                thread.join();
            }
        } catch (InterruptedException e) {
            threads.forEach(Thread::interrupt);
            Thread.currentThread().interrupt();
        }
        lanes.forEach(EventWriter::failRemaining);
        publishers.forEach(LanePublisher::close);
    }

    /** A queued step, the future its execution waits on, and the span that recorded it. */
    private record Pending(Step step, CompletableFuture<Optional<OrderEvent>> result, TraceContext trace) {
    }

    /**
     * A stored event on its way to the bus, with the span of the step that recorded it.
     *
     * @param event the event
     * @param trace the recording span
     */
    record Stored(OrderEvent event, TraceContext trace) {
    }
}
