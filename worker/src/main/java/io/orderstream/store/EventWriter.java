package io.orderstream.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
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

import io.orderstream.order.EventDetails;
import io.orderstream.order.OrderEvent;
import io.orderstream.order.OrderStatus;

/**
 * Stores the steps that executions record, many orders' steps in one transaction (group
 * commit), then hands the stored events, in the order they were stored, to be published.
 * <p>
 * A step is stored only while its execution still holds the order's claim, the order has not
 * ended, and the order's last seq is the one the execution expects; otherwise it is refused
 * (an empty result) and the execution stops. A terminal step removes the order's queue row in
 * the same transaction. Each execution waits for its step before taking the next, so one order
 * never has two steps in a batch, and its events are published in seq order.
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
    public CompletableFuture<Optional<OrderEvent>> append(Step step) throws InterruptedException {
        Pending entry = new Pending(step, new CompletableFuture<>());
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
    private List<OrderEvent> write(List<Pending> batch) {
        Instant now = Instant.ofEpochMilli(clock.millis());
        List<OrderEvent> events = batch.stream().map(entry -> entry.step.toEvent(now)).toList();
        List<Optional<OrderEvent>> results;
        try {
            results = jdbc.inTransaction(connection -> store(connection, batch, events));
        } catch (RuntimeException e) {
            if (batch.size() == 1) {
                batch.getFirst().result.completeExceptionally(e);
                return List.of();
            }
            return writeEach(batch, events);
        }
        List<OrderEvent> stored = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).result.complete(results.get(i));
            results.get(i).ifPresent(stored::add);
        }
        return stored;
    }

    /** One step that fails (a value the schema refuses) must not fail the others with it. */
    private List<OrderEvent> writeEach(List<Pending> batch, List<OrderEvent> events) {
        List<OrderEvent> stored = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            List<Pending> one = List.of(batch.get(i));
            List<OrderEvent> itsEvent = List.of(events.get(i));
            try {
                Optional<OrderEvent> result = jdbc.inTransaction(connection -> store(connection, one, itsEvent))
                        .getFirst();
                batch.get(i).result.complete(result);
                result.ifPresent(stored::add);
            } catch (RuntimeException e) {
                batch.get(i).result.completeExceptionally(e);
            }
        }
        return stored;
    }

    private static List<Optional<OrderEvent>> store(Connection connection, List<Pending> batch, List<OrderEvent> events)
            throws SQLException {
        int[] moved;
        try (PreparedStatement advance = connection.prepareStatement(EventStatements.CLAIMED_ADVANCE)) {
            for (int i = 0; i < events.size(); i++) {
                OrderEvent event = events.get(i);
                int next = EventStatements.bindAdvance(advance, event);
                advance.setLong(next, event.seq() - 1);
                advance.setString(next + 1, event.orderId());
                advance.setString(next + 2, batch.get(i).step.claimOwner());
                advance.addBatch();
            }
            moved = advance.executeBatch();
        }
        List<Optional<OrderEvent>> results = new ArrayList<>(events.size());
        try (PreparedStatement insert = connection.prepareStatement(EventStatements.INSERT_EVENT);
             PreparedStatement dequeue = connection.prepareStatement(EventStatements.DEQUEUE)) {
            boolean inserts = false;
            boolean dequeues = false;
            for (int i = 0; i < events.size(); i++) {
                OrderEvent event = events.get(i);
                if (moved[i] != 1) {
                    results.add(Optional.empty());
                    continue;
                }
                results.add(Optional.of(event));
                EventStatements.bindEvent(insert, 1, event);
                insert.addBatch();
                inserts = true;
                if (event.isTerminal()) {
                    dequeue.setString(1, event.orderId());
                    dequeue.addBatch();
                    dequeues = true;
                }
            }
            if (inserts) {
                insert.executeBatch();
            }
            if (dequeues) {
                dequeue.executeBatch();
            }
        }
        return results;
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

    /** A queued step and the future its execution waits on. */
    private record Pending(Step step, CompletableFuture<Optional<OrderEvent>> result) {
    }
}
