package io.orderstream.queue;

import java.time.Duration;
import java.util.Optional;

/**
 * The queue of orders waiting for a worker. At-least-once: a delivery that is not acknowledged
 * (its worker died, or gave it back with {@link Delivery#release()}) is delivered again.
 * <p>
 * Two adapters: {@link InProcessOrderQueue} (embedded) and {@code RedisOrderQueue} (a Redis
 * Stream consumer group). Nothing else knows which one runs.
 */
public interface OrderQueue extends AutoCloseable {
    /**
     * Adds an order for execution.
     *
     * @param orderId the order
     * @throws QueueUnavailableException when the queue cannot take it now (full, or unreachable)
     */
    void enqueue(String orderId);

    /**
     * Takes the next order, waiting at most {@code timeout}.
     *
     * @param timeout longest wait
     * @return the delivery, or empty when none came in time
     * @throws QueueUnavailableException when the queue's backend cannot be reached
     * @throws InterruptedException      when the waiting thread is interrupted
     */
    Optional<Delivery> poll(Duration timeout) throws InterruptedException;

    /**
     * Orders waiting for a worker, as far as this adapter can tell cheaply.
     *
     * @return queue depth
     * @throws QueueUnavailableException when the queue's backend cannot be reached
     */
    long depth();

    /**
     * Calls {@code listener} whenever this queue starts empty of what it held before (a new
     * in-process queue; a Redis stream created anew, e.g. after Redis restarted without its
     * data), so orders left unfinished in the store can be queued again. Duplicates that this
     * may cause are harmless: an order executes under a lease, and a finished one is skipped.
     *
     * @param listener re-queues unfinished orders
     */
    void onReset(Runnable listener);

    @Override
    void close();

    /** One order handed to one worker. */
    interface Delivery {
        /**
         * The order to execute.
         *
         * @return order id
         */
        String orderId();

        /** Done with it: the order's terminal event is stored, or it needs no more work. */
        void ack();

        /**
         * Gives the order back unfinished: the queue delivers it again, to this worker or another.
         * A worker calls this (instead of {@link #ack()}) when execution stopped unexpectedly.
         */
        void release();
    }
}
