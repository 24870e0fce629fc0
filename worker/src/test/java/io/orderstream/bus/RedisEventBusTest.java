package io.orderstream.bus;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.orderstream.order.OrderEvent;
import io.orderstream.testing.RawRedis;
import io.orderstream.testing.RedisServerProcess;
import io.orderstream.testing.TestRedis;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The contract, against the Redis bus on the shared Redis with the worker and the gateway side on
 * separate clients, as in separate processes; and what only the Redis bus can get wrong: the
 * connections a gateway holds, and coming back after Redis went away.
 */
class RedisEventBusTest extends EventBusContract {
    private static RedissonClient workerSide;
    private static RedissonClient gatewaySide;

    private String prefix;

    @BeforeAll
    static void connect() {
        workerSide = TestRedis.sharedClient(TestRedis.uniqueClientName("worker"));
        gatewaySide = TestRedis.sharedClient(TestRedis.uniqueClientName("gateway"));
    }

    @AfterAll
    static void disconnect() {
        Stream.of(workerSide, gatewaySide).filter(c -> c != null).forEach(RedissonClient::shutdown);
    }

    @Override
    protected Buses openBuses() {
        prefix = TestRedis.uniquePrefix("bus");
        return new Buses(new RedisEventBus(workerSide, prefix, TestRedis.CALL_LIMIT),
                         new RedisEventBus(gatewaySide, prefix, TestRedis.CALL_LIMIT));
    }

    @Override
    protected void closeBuses(Buses buses) {
        // Pub/Sub leaves no keys behind.
        buses.publisher().close();
        buses.watcher().close();
    }

    @Test
    void aGatewayHoldsTheSameConnectionsForOneOrManyWatchedOrders() throws Exception {
        String name = TestRedis.uniqueClientName("many");
        RedissonClient gateway = TestRedis.sharedClient(name);
        try (RedisEventBus bus = new RedisEventBus(gateway, prefix, TestRedis.CALL_LIMIT)) {
            List<BlockingQueue<OrderEvent>> inboxes = new ArrayList<>();
            List<EventBus.Subscription> subscriptions = new ArrayList<>();
            subscriptions.add(bus.subscribe("order0", inbox(inboxes)::add));
            Connections forOne = connections(name);

            for (int i = 1; i <= 300; i++) {
                subscriptions.add(bus.subscribe("order" + i, inbox(inboxes)::add));
            }
            Connections forMany = connections(name);

            assertEquals(1, forOne.subscribing(), "one subscription connection: " + forOne);
            assertEquals(1, forMany.subscribing(), "still one subscription connection: " + forMany);
            assertEquals(forOne.total(), forMany.total(), "no connection more for 300 more orders");
            // On a busy machine a subscription may time out and attach on its retry a second later.
            // One more channel: the bus's own, which keeps the connection held between watches.
            assertEquals(302, channelsOnceSettled(name, 302), "every order's channel on it");
            for (int i : new int[] {0, 150, 300}) {
                buses().publisher().publish(event("order" + i, 1));
                assertEquals("order" + i, receive(inboxes.get(i), 1).getFirst().orderId());
            }

            subscriptions.forEach(EventBus.Subscription::close);
            assertEquals(0, bus.subscriptionCount());
            assertEquals(1, channelsOnceSettled(name, 1), "every order's channel unsubscribed, the bus's own kept");
        } finally {
            gateway.shutdown();
        }
    }

    @Test
    void watchersRecoverWhenRedisComesBack() throws Exception {
        try (RedisServerProcess redis = RedisServerProcess.start()) {
            RedissonClient worker = TestRedis.client(redis.address(), TestRedis.uniqueClientName("worker"));
            RedissonClient gateway = TestRedis.client(redis.address(), TestRedis.uniqueClientName("gateway"));
            try (RedisEventBus publisher = new RedisEventBus(worker, prefix, TestRedis.CALL_LIMIT);
                 RedisEventBus watcher = new RedisEventBus(gateway, prefix, TestRedis.CALL_LIMIT)) {
                Semaphore recoveries = new Semaphore(0);
                watcher.onRecovery(recoveries::release);
                BlockingQueue<OrderEvent> early = new LinkedBlockingQueue<>();
                watcher.subscribe("early", early::add);
                publisher.publish(event("early", 1));
                assertEquals(1, receive(early, 1).getFirst().seq());
                Thread.sleep(SILENCE.toMillis());
                assertEquals(0, recoveries.availablePermits(), "no recovery without an outage");

                // Redis goes away and comes back: the channel is re-subscribed, listeners back-fill.
                redis.kill();
                assertWithin(Duration.ofSeconds(2), () -> publisher.publish(event("early", 2)));
                redis.restart();
                assertTrue(recoveries.tryAcquire(20, TimeUnit.SECONDS), "recovery listeners called after the outage");
                publishUntilReceived(publisher, event("early", 3), early);

                // A watcher that subscribes while Redis is away is attached once it is back.
                redis.kill();
                BlockingQueue<OrderEvent> late = new LinkedBlockingQueue<>();
                assertWithin(Duration.ofSeconds(4), () -> watcher.subscribe("late", late::add));
                redis.restart();
                assertTrue(recoveries.tryAcquire(20, TimeUnit.SECONDS), "recovery listeners called again");
                publishUntilReceived(publisher, event("late", 1), late);
                publishUntilReceived(publisher, event("early", 4), early);
            } finally {
                worker.shutdown();
                gateway.shutdown();
            }
        }
    }

    private static BlockingQueue<OrderEvent> inbox(List<BlockingQueue<OrderEvent>> inboxes) {
        BlockingQueue<OrderEvent> inbox = new LinkedBlockingQueue<>();
        inboxes.add(inbox);
        return inbox;
    }

    private static void publishUntilReceived(EventBus publisher, OrderEvent event, BlockingQueue<OrderEvent> inbox)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            // Best effort: the first publish after the outage may still meet a dead connection.
            publisher.publish(event);
            OrderEvent received;
            while ((received = inbox.poll(300, TimeUnit.MILLISECONDS)) != null) {
                if (received.seq() == event.seq()) {
                    return;
                }
            }
        }
        fail("Event " + event.seq() + " of order " + event.orderId() + " never arrived after the outage");
    }

    private static void assertWithin(Duration limit, Runnable call) {
        long start = System.nanoTime();
        call.run();
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertTrue(took.compareTo(limit) < 0, "took " + took + " with Redis down");
    }

    private static int channelsOnceSettled(String clientName, int expected) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + ARRIVAL.toNanos();
        int channels = connections(clientName).channels();
        while (channels != expected && System.nanoTime() < deadline) {
            Thread.sleep(50);
            channels = connections(clientName).channels();
        }
        return channels;
    }

    private static Connections connections(String clientName) throws IOException {
        String list = (String) RawRedis.command(TestRedis.ADDRESS, "CLIENT", "LIST");
        List<Map<String, String>> mine = list.lines()
                .map(RedisEventBusTest::fields)
                .filter(fields -> clientName.equals(fields.get("name")))
                .toList();
        int subscribing = (int) mine.stream().filter(f -> Integer.parseInt(f.get("sub")) > 0).count();
        int channels = mine.stream().mapToInt(f -> Integer.parseInt(f.get("sub"))).sum();
        return new Connections(mine.size(), subscribing, channels);
    }

    private static Map<String, String> fields(String clientLine) {
        return Stream.of(clientLine.split(" "))
                .filter(field -> field.contains("="))
                .collect(Collectors.toMap(f -> f.substring(0, f.indexOf('=')), f -> f.substring(f.indexOf('=') + 1),
                                          (a, b) -> a));
    }

    /**
     * One client's connections, as Redis lists them.
     *
     * @param total       all of them
     * @param subscribing those subscribed to at least one channel
     * @param channels    channels subscribed over all of them
     */
    private record Connections(int total, int subscribing, int channels) {
    }
}
