package io.orderstream.worker;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.orderstream.bus.EventBus;
import io.orderstream.engine.Worker;
import io.orderstream.metrics.MeterSet;
import io.orderstream.order.OrderEvent;
import io.orderstream.order.OrderRequest;
import io.orderstream.order.OrderStatus;
import io.orderstream.store.OrderStore;
import io.orderstream.store.StoreUnavailableException;
import io.orderstream.testing.TestPostgres;
import io.orderstream.testing.TestRedis;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;

import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Both modes, opened from configuration alone, run an order from submission to its last event:
 * embedded (H2, in-process signal and bus, one backend) and distributed (PostgreSQL and Redis, a
 * gateway's backend and a worker's backend as two processes would have them).
 */
class BackendTest {
    private static final Duration RUN_LIMIT = Duration.ofSeconds(15);

    @Test
    void embeddedModeRunsAnOrderToTheEnd() throws InterruptedException {
        Map<String, String> settings = instantDexes();
        settings.put("orderstream.db.url", "jdbc:h2:mem:ostestbackend;DATABASE_TO_LOWER=TRUE");
        Config config = config(settings);

        try (Backend backend = Backend.open(BackendSettings.create(config))) {
            assertAnswer(backend, List.of("database"));
            runOrder(config, backend, backend);
        }
    }

    @Test
    void aClosedDatabaseDoesNotAnswer() {
        Map<String, String> settings = Map.of("orderstream.db.url", "jdbc:h2:mem:ostestclosed;DATABASE_TO_LOWER=TRUE");
        Backend backend = Backend.open(BackendSettings.create(config(settings)));
        Dependency database = backend.dependencies().getFirst();
        backend.close();
        assertThrows(StoreUnavailableException.class, () -> database.ping(Duration.ofSeconds(1)));
    }

    @Test
    void distributedModeRunsAnOrderToTheEnd() throws InterruptedException {
        String prefix = TestRedis.uniquePrefix("backend");
        String schema = TestPostgres.createSchema("backend");
        RedissonClient cleaner = TestRedis.sharedClient(TestRedis.uniqueClientName("backend"));
        try {
            Map<String, String> settings = instantDexes();
            settings.put("orderstream.db.url", TestPostgres.url(schema));
            settings.put("orderstream.db.username", TestPostgres.USER);
            settings.put("orderstream.db.password", TestPostgres.PASSWORD);
            settings.put("orderstream.redis.address", TestRedis.ADDRESS);
            settings.put("orderstream.redis.prefix", prefix);
            Config config = config(settings);

            try (Backend gateway = Backend.open(BackendSettings.create(config));
                 Backend worker = Backend.open(BackendSettings.create(config))) {
                assertAnswer(gateway, List.of("database", "redis"));
                runOrder(config, gateway, worker);
            }
        } finally {
            TestRedis.deleteKeys(cleaner, prefix);
            cleaner.shutdown();
            TestPostgres.dropSchema(schema);
        }
    }

    /** What a gateway does with a new order, and a worker executing it; the watcher sees every step. */
    private static void runOrder(Config config, Backend gateway, Backend workerSide) throws InterruptedException {
        OrderStore.Creation creation = gateway.store().create(
                new OrderRequest("SOL", "USDC", new BigDecimal("1.5"), new BigDecimal("1"), Optional.empty()),
                "Order received");
        String orderId = creation.order().id();
        BlockingQueue<OrderEvent> watched = new LinkedBlockingQueue<>();
        List<OrderEvent> seen = new ArrayList<>(List.of(creation.firstEvent().orElseThrow()));
        try (EventBus.Subscription ignored = gateway.bus().subscribe(orderId, watched::add);
             MeterSet meters = new MeterSet();
             Worker worker = Engine.worker(EngineSettings.create(config), workerSide, meters)) {
            gateway.signal().announce();
            worker.start();
            long deadline = System.nanoTime() + RUN_LIMIT.toNanos();
            while (!seen.getLast().isTerminal()) {
                OrderEvent event = watched.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (event == null) {
                    fail("Order did not finish within " + RUN_LIMIT + "; events so far: " + seen);
                }
                seen.add(event);
            }
            assertEquals(0, gateway.claims().depth(), "the order left the queue with its terminal event");
        }

        assertEquals(OrderStatus.CONFIRMED, seen.getLast().status(), "events: " + seen);
        assertEquals(gateway.store().eventsAfter(orderId, 0), seen, "watched live exactly what was stored");
    }

    private static void assertAnswer(Backend backend, List<String> names) {
        assertEquals(names, backend.dependencies().stream().map(Dependency::name).toList());
        backend.dependencies().forEach(dependency -> dependency.ping(Duration.ofSeconds(1)));
    }

    private static Map<String, String> instantDexes() {
        Map<String, String> settings = new HashMap<>();
        settings.put("orderstream.dex.latency.scale", "0");
        settings.put("orderstream.dex.failure.rate", "0");
        settings.put("orderstream.dex.drift.percent", "0");
        settings.put("orderstream.worker.concurrency", "2");
        return settings;
    }

    private static Config config(Map<String, String> settings) {
        return Config.just(ConfigSources.create(settings));
    }
}
