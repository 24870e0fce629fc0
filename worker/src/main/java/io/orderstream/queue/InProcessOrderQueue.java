package io.orderstream.queue;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * The embedded queue: a bounded in-memory queue shared by the gateway and the in-process worker.
 * Acknowledgement is a no-op and a released order goes straight back in line; orders left
 * unfinished by a stopped process are found again in the store when it restarts.
 */
public final class InProcessOrderQueue implements OrderQueue {
    private static final Logger LOG = Logger.getLogger(InProcessOrderQueue.class.getName());

    private final BlockingQueue<String> orders;

    /**
     * Creates a queue.
     *
     * @param capacity most orders waiting at once; more are refused
     */
    public InProcessOrderQueue(int capacity) {
        this.orders = new ArrayBlockingQueue<>(capacity);
    }

    @Override
    public void enqueue(String orderId) {
        if (!orders.offer(orderId)) {
            throw new QueueUnavailableException("The order queue is full (" + orders.size() + " waiting)", null);
        }
    }

    @Override
    public Optional<Delivery> poll(Duration timeout) throws InterruptedException {
        String orderId = orders.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        return Optional.ofNullable(orderId).map(id -> new LocalDelivery(id, orders));
    }

    @Override
    public void onReset(Runnable listener) {
        // A new in-process queue is always empty; it is never emptied behind its users' backs.
        listener.run();
    }

    @Override
    public long depth() {
        return orders.size();
    }

    @Override
    public void close() {
        orders.clear();
    }

    private record LocalDelivery(String orderId, BlockingQueue<String> orders) implements Delivery {
        @Override
        public void ack() {
            // Nothing to release: the order left the queue when it was polled.
        }

        @Override
        public void release() {
            if (!orders.offer(orderId)) {
                // The store still has the order unfinished; a restart picks it up again.
                LOG.warning("Order " + orderId + " could not be put back: the order queue is full");
            }
        }
    }
}
