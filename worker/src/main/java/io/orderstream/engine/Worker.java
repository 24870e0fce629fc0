package io.orderstream.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.orderstream.queue.OrderQueue;
import io.orderstream.store.OrderStore;

/**
 * Takes orders from the queue and executes them, {@code concurrency} at a time, each on its own
 * virtual thread. An order is acknowledged once it reached a terminal state; one that fails
 * unexpectedly, or whose execution is interrupted, is released for the queue to deliver again.
 * Orders that nothing moves (stored but never queued, or their queue entry lost) are queued again
 * by a {@link StaleOrderSweeper}. An order delivered more than {@code maxDeliveries} times (it
 * keeps crashing workers) is ended as failed.
 */
public final class Worker implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Worker.class.getName());
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(500);
    private static final Duration LEASE_RETRY = Duration.ofMillis(200);

    private final OrderQueue queue;
    private final OrderStore store;
    private final OrderExecutor executor;
    private final Settings settings;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final List<Thread> loops = new ArrayList<>();
    private StaleOrderSweeper sweeper;

    /**
     * How a worker runs.
     *
     * @param concurrency   orders executed at once
     * @param maxDeliveries deliveries of one order before it is given up as failed
     * @param leaseLength   how long an execution holds its order without recording a step; longer
     *                      than any one step
     * @param sweepEvery    how often to look for orders nothing moves
     * @param staleAfter    how long an unheld, unfinished order may go untouched before it is
     *                      queued again
     */
    public record Settings(int concurrency, int maxDeliveries, Duration leaseLength, Duration sweepEvery,
                           Duration staleAfter) {
        /** Validates the settings. */
        public Settings {
            if (concurrency < 1) {
                throw new IllegalArgumentException("concurrency must be at least 1, got " + concurrency);
            }
        }
    }

    /**
     * Creates a worker; {@link #start()} starts it.
     *
     * @param queue    where orders come from
     * @param store    the store
     * @param executor executes one order
     * @param settings how it runs
     */
    public Worker(OrderQueue queue, OrderStore store, OrderExecutor executor, Settings settings) {
        this.queue = queue;
        this.store = store;
        this.executor = executor;
        this.settings = settings;
    }

    /**
     * Starts the consumer loops.
     *
     * @return this worker
     */
    public synchronized Worker start() {
        if (!loops.isEmpty()) {
            throw new IllegalStateException("Worker already started");
        }
        for (int i = 0; i < settings.concurrency(); i++) {
            loops.add(Thread.ofVirtual().name("order-worker-", i).start(this::consume));
        }
        sweeper = new StaleOrderSweeper(store, queue, settings.sweepEvery(), settings.staleAfter());
        return this;
    }

    /**
     * Orders being executed now.
     *
     * @return count
     */
    public int inFlight() {
        return inFlight.get();
    }

    private void consume() {
        boolean failing = false;
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Optional<OrderQueue.Delivery> delivery = queue.poll(POLL_TIMEOUT);
                if (failing) {
                    LOG.info("Order worker loop works again");
                    failing = false;
                }
                if (delivery.isPresent()) {
                    handle(delivery.get());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                // The queue or store is unreachable: back off instead of spinning, then retry.
                // The first failure of an outage is logged in full, the rest only at FINE.
                LOG.log(failing ? Level.FINE : Level.WARNING, "Order worker loop failed; retrying shortly", e);
                failing = true;
                sleepQuietly(POLL_TIMEOUT);
            }
        }
    }

    private void handle(OrderQueue.Delivery delivery) throws InterruptedException {
        String orderId = delivery.orderId();
        inFlight.incrementAndGet();
        boolean acknowledged = false;
        try {
            Optional<Lease> lease = Lease.take(store, orderId, settings.leaseLength());
            while (lease.isEmpty() && !hasEnded(orderId)) {
                // Another execution holds it (this delivery is a duplicate): alive, it finishes the
                // order, which this delivery then finds ended; dead, its lease lapses and this one
                // takes over. Either way within a lease's length, the delivery's claim kept meanwhile.
                Thread.sleep(LEASE_RETRY);
                lease = Lease.take(store, orderId, settings.leaseLength());
            }
            if (lease.isPresent()) {
                try (Lease held = lease.get()) {
                    int deliveries = store.countDelivery(orderId);
                    if (deliveries > settings.maxDeliveries()) {
                        executor.fail(held, "Abandoned after " + settings.maxDeliveries()
                                + " deliveries that did not finish");
                    } else {
                        executor.execute(held);
                    }
                }
            }
            delivery.ack();
            acknowledged = true;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Order " + orderId + " failed unexpectedly; released for redelivery", e);
            // Most often the store is unreachable: pause rather than take the order straight back.
            sleepQuietly(POLL_TIMEOUT);
        } finally {
            inFlight.decrementAndGet();
            if (!acknowledged) {
                // Also when interrupted: the queue must stop holding the order for this worker.
                releaseQuietly(delivery);
            }
        }
    }

    private boolean hasEnded(String orderId) {
        return store.find(orderId).map(order -> order.status().isTerminal()).orElse(true);
    }

    private static void releaseQuietly(OrderQueue.Delivery delivery) {
        try {
            delivery.release();
        } catch (RuntimeException e) {
            // The queue redelivers it anyway once its claim runs out.
            LOG.log(Level.WARNING, "Order " + delivery.orderId() + " could not be released", e);
        }
    }

    private static void sleepQuietly(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops taking orders and interrupts those in flight; they resume on their next delivery. */
    @Override
    public synchronized void close() {
        if (sweeper != null) {
            sweeper.close();
        }
        loops.forEach(Thread::interrupt);
        for (Thread loop : loops) {
            try {
                loop.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        loops.clear();
    }
}
