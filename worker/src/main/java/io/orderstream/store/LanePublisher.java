package io.orderstream.store;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.orderstream.order.OrderEvent;
import io.orderstream.tracing.Traced;
import io.orderstream.tracing.Tracing;

/**
 * Publishes one writer lane's stored batches on a thread of its own, in the order they were
 * stored, so a slow or unreachable bus (Redis down: each publish waits out its call limit) never
 * holds up the writing of the next batch. Bounded: when the bus falls {@value #MAX_WAITING}
 * batches behind, newer batches are dropped and counted; watchers find their events in the store
 * (a gap in seqs, or their idle check, sends them there).
 */
final class LanePublisher implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(LanePublisher.class.getName());
    private static final int MAX_WAITING = 64;
    private static final long IDLE_POLL_MILLIS = 100;
    private static final Duration CLOSE_LIMIT = Duration.ofSeconds(2);
    private static final long WARN_INTERVAL_NANOS = Duration.ofSeconds(10).toNanos();

    private final BlockingQueue<List<EventWriter.Stored>> batches = new ArrayBlockingQueue<>(MAX_WAITING);
    private final Consumer<List<OrderEvent>> publisher;
    private final Thread thread;
    private volatile boolean closed;
    // Owned by the lane's thread, the only caller of offer.
    private long dropped;
    private long lastWarnNanos = System.nanoTime() - WARN_INTERVAL_NANOS;

    LanePublisher(String name, Consumer<List<OrderEvent>> publisher) {
        this.publisher = publisher;
        this.thread = Thread.ofPlatform().name(name).daemon().start(this::run);
    }

    /** Hands a stored batch over; never blocks. Called by one thread, the lane's. */
    void offer(List<EventWriter.Stored> batch) {
        if (batch.isEmpty() || batches.offer(batch)) {
            return;
        }
        dropped += batch.size();
        long now = System.nanoTime();
        if (now - lastWarnNanos >= WARN_INTERVAL_NANOS) {
            lastWarnNanos = now;
            LOG.warning("The event bus is " + MAX_WAITING + " batches behind; " + dropped
                                + " stored events not published so far (watchers read them from the store)");
        }
    }

    private void run() {
        while (!closed || !batches.isEmpty()) {
            try {
                List<EventWriter.Stored> batch = batches.poll(IDLE_POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (batch != null) {
                    publish(batch);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // The bus is the fast path only: watchers find stored events in the store.
                LOG.log(Level.WARNING, "Publishing stored events failed", e);
            }
        }
    }

    /**
     * Publishes a batch; while tracing, each event's publish is a span of its order's trace, child
     * of the step that recorded it, lasting as long as the batch's publish.
     */
    private void publish(List<EventWriter.Stored> batch) {
        List<OrderEvent> events = batch.stream().map(EventWriter.Stored::event).toList();
        if (!Tracing.enabled()) {
            publisher.accept(events);
            return;
        }
        List<Traced> spans = batch.stream().map(stored -> stored.trace().producer("publish")
                .attribute(Traced.ORDER_ID, stored.event().orderId())
                .attribute("orderstream.event.seq", stored.event().seq())
                .attribute("orderstream.event.status", stored.event().status().wireName())
                .attribute("messaging.batch.message_count", batch.size())).toList();
        try {
            publisher.accept(events);
        } catch (RuntimeException e) {
            spans.forEach(span -> span.fail(e));
            throw e;
        } finally {
            spans.forEach(Traced::close);
        }
    }

    /** Publishes what is waiting (for a bounded time), then stops. */
    @Override
    public void close() {
        closed = true;
        try {
            if (!thread.join(CLOSE_LIMIT)) {
                thread.interrupt();
            }
        } catch (InterruptedException e) {
            thread.interrupt();
            Thread.currentThread().interrupt();
        }
    }
}
