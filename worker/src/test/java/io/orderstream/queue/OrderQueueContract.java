package io.orderstream.queue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * What every {@link OrderQueue} adapter promises. Subclasses open the adapter; each test works on
 * a queue of its own.
 */
abstract class OrderQueueContract {
    private static final Duration POLL = Duration.ofMillis(300);

    private final List<OrderQueue> opened = new ArrayList<>();

    /**
     * A new, empty queue.
     *
     * @param capacity most orders it holds
     * @return the queue
     */
    protected abstract OrderQueue newQueue(int capacity);

    /**
     * Longest time until a released delivery is delivered again.
     *
     * @return deadline
     */
    protected abstract Duration redeliveryDeadline();

    /**
     * Opens a queue and closes it after the test.
     *
     * @param capacity most orders it holds
     * @return the queue
     */
    protected OrderQueue open(int capacity) {
        OrderQueue queue = newQueue(capacity);
        opened.add(queue);
        return queue;
    }

    @AfterEach
    void closeQueues() {
        opened.forEach(OrderQueue::close);
        opened.clear();
    }

    @Test
    void deliversOrdersInTheOrderTheyCame() throws InterruptedException {
        OrderQueue queue = open(100);
        List<String> sent = List.of("o1", "o2", "o3", "o4", "o5");
        sent.forEach(queue::enqueue);

        List<String> received = new ArrayList<>();
        for (int i = 0; i < sent.size(); i++) {
            OrderQueue.Delivery delivery = take(queue, Duration.ofSeconds(2));
            received.add(delivery.orderId());
            delivery.ack();
        }

        assertEquals(sent, received);
    }

    @Test
    void deliversEveryOrderOnceAcrossConcurrentConsumers() throws Exception {
        OrderQueue queue = open(1000);
        List<String> sent = IntStream.rangeClosed(1, 60).mapToObj(i -> "order" + i).toList();
        sent.forEach(queue::enqueue);

        List<String> received = Collections.synchronizedList(new ArrayList<>());
        try (ExecutorService consumers = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> loops = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                loops.add(consumers.submit(() -> {
                    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                    while (received.size() < sent.size() && System.nanoTime() < deadline) {
                        Optional<OrderQueue.Delivery> delivery = queue.poll(POLL);
                        if (delivery.isPresent()) {
                            received.add(delivery.get().orderId());
                            delivery.get().ack();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> loop : loops) {
                loop.get();
            }
        }

        assertEquals(sent, received.stream().sorted((a, b) -> Integer.compare(number(a), number(b))).toList(),
                     "every order delivered exactly once");
        assertEquals(0, queue.depth());
    }

    @Test
    void acknowledgedOrdersLeaveTheQueue() throws InterruptedException {
        OrderQueue queue = open(100);
        queue.enqueue("a");
        queue.enqueue("b");
        assertEquals(2, queue.depth());

        take(queue, Duration.ofSeconds(2)).ack();
        take(queue, Duration.ofSeconds(2)).ack();

        assertEquals(0, queue.depth());
        assertTrue(queue.poll(POLL).isEmpty(), "nothing left to deliver");
    }

    @Test
    void refusesOrdersBeyondItsCapacity() throws InterruptedException {
        OrderQueue queue = open(3);
        queue.enqueue("a");
        queue.enqueue("b");
        queue.enqueue("c");

        assertThrows(QueueUnavailableException.class, () -> queue.enqueue("d"));
        assertEquals(3, queue.depth());

        take(queue, Duration.ofSeconds(2)).ack();
        queue.enqueue("d");
        assertEquals(3, queue.depth());
    }

    @Test
    void pollWaitsNoLongerThanItsTimeout() throws InterruptedException {
        OrderQueue queue = open(10);
        long start = System.nanoTime();

        Optional<OrderQueue.Delivery> delivery = queue.poll(Duration.ofMillis(400));

        Duration waited = Duration.ofNanos(System.nanoTime() - start);
        assertTrue(delivery.isEmpty());
        assertTrue(waited.compareTo(Duration.ofMillis(350)) >= 0, "waited for the timeout, not " + waited);
        assertTrue(waited.compareTo(Duration.ofSeconds(2)) < 0, "returned soon after the timeout, not " + waited);
    }

    @Test
    void releasedOrderIsDeliveredAgain() throws InterruptedException {
        OrderQueue queue = open(10);
        queue.enqueue("again");
        take(queue, Duration.ofSeconds(2)).release();

        OrderQueue.Delivery second = take(queue, redeliveryDeadline());

        assertEquals("again", second.orderId());
        second.ack();
        assertEquals(0, queue.depth());
    }

    /**
     * Polls until a delivery comes.
     *
     * @param queue the queue
     * @param limit longest wait
     * @return the delivery
     * @throws InterruptedException when interrupted
     */
    static OrderQueue.Delivery take(OrderQueue queue, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<OrderQueue.Delivery> delivery = queue.poll(POLL);
            if (delivery.isPresent()) {
                return delivery.get();
            }
        }
        return fail("No delivery within " + limit);
    }

    private static int number(String orderId) {
        return Integer.parseInt(orderId.substring("order".length()));
    }
}
