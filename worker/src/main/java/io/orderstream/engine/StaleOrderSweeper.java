package io.orderstream.engine;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.orderstream.queue.OrderQueue;
import io.orderstream.queue.QueueUnavailableException;
import io.orderstream.store.OrderStore;

/**
 * Queues again the orders that nothing moves: unfinished, untouched for longer than
 * {@code staleAfter}, and held by no live execution — an order whose gateway died between
 * storing and queueing it, or whose queue entry was lost. A duplicate this may add is harmless:
 * the execution lease lets one execution at a time run an order.
 */
public final class StaleOrderSweeper implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(StaleOrderSweeper.class.getName());

    private final OrderStore store;
    private final OrderQueue queue;
    private final Duration staleAfter;
    private final ScheduledExecutorService timer;

    /**
     * Starts sweeping.
     *
     * @param store      where unfinished orders are found
     * @param queue      where they go again
     * @param every      how often to look
     * @param staleAfter how long an order may go untouched before it counts as forgotten
     */
    public StaleOrderSweeper(OrderStore store, OrderQueue queue, Duration every, Duration staleAfter) {
        this.store = store;
        this.queue = queue;
        this.staleAfter = staleAfter;
        this.timer = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("stale-order-sweeper").daemon().factory());
        timer.scheduleWithFixedDelay(this::sweep, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void sweep() {
        try {
            List<String> stale = store.staleOrderIds(staleAfter);
            stale.forEach(queue::enqueue);
            if (!stale.isEmpty()) {
                LOG.info("Queued " + stale.size() + " orders again that nothing had moved for " + staleAfter);
            }
        } catch (QueueUnavailableException e) {
            LOG.log(Level.FINE, "Queue unavailable; stale orders wait for the next sweep", e);
        } catch (RuntimeException e) {
            // The store is unreachable: the next sweep tries again; the timer must not die.
            LOG.log(Level.WARNING, "Sweeping stale orders failed", e);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
