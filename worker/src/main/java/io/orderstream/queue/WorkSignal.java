package io.orderstream.queue;

import java.time.Duration;

/**
 * Wake-up hints from whoever stores new work (a gateway accepting an order) to the workers that
 * claim it from the database. Only a hint: the order queue is in the database, and a hint that
 * is lost (Redis down, a worker not yet listening) delays an order by at most the workers' poll
 * interval, never loses it.
 * <p>
 * Two adapters: {@link InProcessWorkSignal} (embedded) and {@link RedisWorkSignal} (a Redis
 * Pub/Sub channel shared by every gateway and worker). Nothing else knows which one runs.
 */
public interface WorkSignal extends AutoCloseable {
    /** New work was stored: wakes waiting workers. Never blocks, never throws. */
    void announce();

    /**
     * Waits until work is announced, at most {@code timeout}. An announcement made while no one
     * waited is kept (one, however many were made) for the next wait.
     *
     * @param timeout longest wait
     * @return true when woken by an announcement, false when the time ran out
     * @throws InterruptedException when the waiting thread is interrupted
     */
    boolean await(Duration timeout) throws InterruptedException;

    @Override
    void close();
}
