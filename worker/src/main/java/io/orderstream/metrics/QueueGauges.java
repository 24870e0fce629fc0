package io.orderstream.metrics;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.orderstream.store.OrderClaims;

/**
 * The order queue as gauges: its depth, the orders waiting for a worker, and how long the
 * oldest of them has existed ({@code orderstream_queue_*}).
 * <p>
 * The three come from one database statement, read at most once a second however often and by
 * whom the endpoint is scraped. The read runs on a virtual thread of its own and a scrape waits
 * for it at most {@link #WAIT}: a database that does not answer makes the gauges read NaN (the
 * value unknown) instead of holding the scrape, and while a read is still out no second one
 * starts.
 */
public final class QueueGauges {
    private static final Logger LOG = Logger.getLogger(QueueGauges.class.getName());
    /** How long a read stays current. */
    private static final long FRESH_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** Longest a scrape waits for a read. */
    static final Duration WAIT = Duration.ofMillis(500);

    private final Supplier<OrderClaims.QueueState> read;
    private final Object lock = new Object();
    // Guarded by lock.
    private CompletableFuture<OrderClaims.QueueState> reading = CompletableFuture.completedFuture(null);
    private long readAt;

    private QueueGauges(Supplier<OrderClaims.QueueState> read) {
        this.read = read;
        this.readAt = System.nanoTime() - 2 * FRESH_NANOS;
    }

    /**
     * Registers the queue's gauges.
     *
     * @param meters where they are registered
     * @param claims the queue
     */
    public static void register(MeterSet meters, OrderClaims claims) {
        QueueGauges gauges = new QueueGauges(claims::state);
        meters.gauge("orderstream.queue.depth", "Unfinished orders in the queue: waiting or being executed", null,
                     gauges.reading(OrderClaims.QueueState::depth));
        meters.gauge("orderstream.queue.waiting", "Orders in the queue that no worker holds now", null,
                     gauges.reading(OrderClaims.QueueState::waiting));
        meters.gauge("orderstream.queue.oldest.wait", "Age of the oldest order waiting for a worker (0: none waits)",
                     "seconds", gauges.reading(state -> state.oldestWait().toNanos() / 1e9));
    }

    private Supplier<Double> reading(ToDoubleFunction<OrderClaims.QueueState> value) {
        return () -> {
            OrderClaims.QueueState state = current();
            return state == null ? Double.NaN : value.applyAsDouble(state);
        };
    }

    /** The latest read, taking a new one first when it is over a second old; null when unknown. */
    private OrderClaims.QueueState current() {
        CompletableFuture<OrderClaims.QueueState> latest;
        synchronized (lock) {
            if (reading.isDone() && System.nanoTime() - readAt > FRESH_NANOS) {
                readAt = System.nanoTime();
                CompletableFuture<OrderClaims.QueueState> next = new CompletableFuture<>();
                reading = next;
                Thread.ofVirtual().name("queue-gauges").start(() -> {
                    try {
                        next.complete(read.get());
                    } catch (RuntimeException e) {
                        LOG.log(Level.FINE, "Queue state not read", e);
                        next.completeExceptionally(e);
                    }
                });
            }
            latest = reading;
        }
        try {
            return latest.get(WAIT.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | ExecutionException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
