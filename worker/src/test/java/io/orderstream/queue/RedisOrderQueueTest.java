package io.orderstream.queue;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import io.orderstream.testing.RedisServerProcess;
import io.orderstream.testing.TestRedis;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The contract, against the Redis Stream queue on the shared Redis, and what only a distributed
 * queue can get wrong: deliveries of dead consumers, long executions, an unreachable Redis.
 */
class RedisOrderQueueTest extends OrderQueueContract {
    // Short for quick tests, yet long enough that a renewal (every third of it) delayed by a busy
    // machine does not let a live consumer's delivery go.
    private static final Duration VISIBILITY = Duration.ofMillis(1500);

    private static RedissonClient redisson;

    private String prefix;

    @BeforeAll
    static void connect() {
        redisson = TestRedis.sharedClient(TestRedis.uniqueClientName("queue"));
    }

    @AfterAll
    static void disconnect() {
        if (redisson != null) {
            redisson.shutdown();
        }
    }

    @BeforeEach
    void choosePrefix() {
        prefix = TestRedis.uniquePrefix("queue");
    }

    @AfterEach
    void deleteKeys() {
        closeQueues();
        TestRedis.deleteKeys(redisson, prefix);
    }

    @Override
    protected OrderQueue newQueue(int capacity) {
        return new RedisOrderQueue(redisson, prefix, capacity, VISIBILITY, TestRedis.CALL_LIMIT);
    }

    @Override
    protected Duration redeliveryDeadline() {
        // Stale after the visibility timeout, found by the next scan a quarter of it later.
        return VISIBILITY.multipliedBy(3);
    }

    @Test
    void onlyTheConsumerThatCreatesTheStreamReportsAReset() throws InterruptedException {
        AtomicInteger firstResets = new AtomicInteger();
        AtomicInteger secondResets = new AtomicInteger();
        try (OrderQueue first = newQueue(10); OrderQueue second = newQueue(10)) {
            first.onReset(firstResets::incrementAndGet);
            second.onReset(secondResets::incrementAndGet);
            first.poll(Duration.ofMillis(10));
            second.poll(Duration.ofMillis(10));
            assertEquals(1, firstResets.get(), "the stream was new");
            assertEquals(0, secondResets.get(), "the group existed already");

            // Redis lost its data (a restart without persistence).
            redisson.getKeys().delete(prefix + ":orders");
            second.poll(Duration.ofMillis(10));
            second.poll(Duration.ofMillis(10));
            assertEquals(1, secondResets.get(), "the consumer that found it gone created it anew");
        }
    }

    @Test
    void deliveryOfAConsumerThatDiedGoesToAnother() throws InterruptedException {
        OrderQueue dying = open(10);
        OrderQueue survivor = open(10);
        dying.enqueue("orphan");
        assertEquals("orphan", take(dying, Duration.ofSeconds(2)).orderId());
        long diedAt = System.nanoTime();
        // Closing stops its renewals, which is all that a crash does to the group.
        dying.close();

        OrderQueue.Delivery taken = take(survivor, VISIBILITY.multipliedBy(4));

        Duration after = Duration.ofNanos(System.nanoTime() - diedAt);
        assertEquals("orphan", taken.orderId());
        // Its last renewal came at most a third of the timeout before it died.
        Duration earliest = VISIBILITY.multipliedBy(2).dividedBy(3).minusMillis(100);
        assertTrue(after.compareTo(earliest) >= 0, "taken over too early, after " + after);
        taken.ack();
        assertEquals(0, survivor.depth());
    }

    @Test
    void deliveryKeptAliveIsNotTakenOver() throws InterruptedException {
        OrderQueue busy = open(10);
        OrderQueue idle = open(10);
        busy.enqueue("long");
        OrderQueue.Delivery running = take(busy, Duration.ofSeconds(2));

        // An execution twice as long as the visibility timeout.
        long until = System.nanoTime() + VISIBILITY.multipliedBy(2).toNanos();
        while (System.nanoTime() < until) {
            Optional<OrderQueue.Delivery> stolen = idle.poll(Duration.ofMillis(200));
            assertTrue(stolen.isEmpty(), "a live consumer's delivery was taken over");
        }
        running.ack();

        assertTrue(idle.poll(Duration.ofMillis(200)).isEmpty());
        assertEquals(0, idle.depth());
    }

    @Test
    void everyQueueIsItsOwnConsumer() {
        String first = ((RedisOrderQueue) open(10)).consumerName();
        String second = ((RedisOrderQueue) open(10)).consumerName();

        assertNotEquals(first, second);
        assertTrue(first.contains(":" + ProcessHandle.current().pid() + ":"), first);
    }

    @Test
    void comesBackWhenRedisRestartsEmpty() throws Exception {
        try (RedisServerProcess server = RedisServerProcess.start()) {
            RedissonClient client = TestRedis.client(server.address(), TestRedis.uniqueClientName("restart"));
            try (OrderQueue queue = new RedisOrderQueue(client, prefix, 10, VISIBILITY, TestRedis.CALL_LIMIT)) {
                queue.enqueue("before");
                take(queue, Duration.ofSeconds(2)).ack();

                server.kill();
                assertFast(() -> queue.enqueue("during"));
                assertFast(() -> queue.poll(Duration.ofMillis(100)));
                server.restart();

                // The stream and its group are gone with the data; the queue creates them again.
                enqueueOnceReconnected(queue, "after");
                assertEquals("after", take(queue, Duration.ofSeconds(5)).orderId());
            } finally {
                client.shutdown();
            }
        }
    }

    @Test
    void failsFastWhenRedisIsUnreachable() throws IOException, InterruptedException {
        int deadPort;
        try (ServerSocket probe = new ServerSocket(0)) {
            deadPort = probe.getLocalPort();
        }
        RedissonClient unreachable = TestRedis.client("redis://127.0.0.1:" + deadPort,
                                                      TestRedis.uniqueClientName("dead"));
        try (OrderQueue queue = new RedisOrderQueue(unreachable, prefix, 10, VISIBILITY, TestRedis.CALL_LIMIT)) {
            assertFast(() -> queue.enqueue("nowhere"));
            assertFast(queue::depth);
            assertFast(() -> queue.poll(Duration.ofMillis(100)));
        } finally {
            unreachable.shutdown();
        }
    }

    private static void enqueueOnceReconnected(OrderQueue queue, String orderId) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            try {
                queue.enqueue(orderId);
                return;
            } catch (QueueUnavailableException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                // The client reconnects in the background.
                Thread.sleep(100);
            }
        }
    }

    private static void assertFast(QueueCall call) {
        long start = System.nanoTime();
        assertThrows(QueueUnavailableException.class, call::run);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertTrue(took.compareTo(Duration.ofSeconds(2)) < 0, "failed after " + took + ", not fast");
    }

    /** A queue call that may fail. */
    private interface QueueCall {
        void run() throws Exception;
    }
}
