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
import io.orderstream.desk.Caller;
import io.orderstream.desk.OrderDesk;
import io.orderstream.desk.OrderMeters;
import io.orderstream.desk.PageTokens;
import io.orderstream.desk.SubmitFace;
import io.orderstream.desk.SubmitQuota;
import io.orderstream.engine.Worker;
import io.orderstream.error.StoreUnavailableException;
import io.orderstream.metrics.MeterSet;
import io.orderstream.order.Order;
import io.orderstream.order.OrderEvent;
import io.orderstream.order.OrderRequest;
import io.orderstream.order.OrderStatus;
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

    /** An order submitted at a gateway's desk, executed by a worker; the watcher sees every step. */
    private static void runOrder(Config config, Backend gateway, Backend workerSide) throws InterruptedException {
        BlockingQueue<OrderEvent> watched = new LinkedBlockingQueue<>();
        String orderId;
        List<OrderEvent> seen;
        try (MeterSet meters = new MeterSet();
             Worker worker = Engine.worker(EngineSettings.create(config), workerSide, meters)) {
            OrderDesk desk = new OrderDesk(gateway.store(), gateway.events(), gateway.signal(),
                                           PageTokens.create(Optional.empty()), new OrderMeters(meters));
            // As the REST face submits: stored and queued, the workers woken.
            orderId = desk.submit(Caller.ANONYMOUS, SubmitQuota.unlimited(Order.ANONYMOUS_OWNER),
                                  new OrderRequest("SOL", "USDC", new BigDecimal("1.5"), new BigDecimal("1"),
                                                   Optional.empty()), SubmitFace.REST).order().id();
            try (EventBus.Subscription ignored = gateway.bus().subscribe(orderId, watched::add)) {
                // The pending event, stored with the order and never published: a watcher replays it.
                seen = new ArrayList<>(desk.events(Caller.ANONYMOUS, orderId, 0));
                worker.start();
                long deadline = System.nanoTime() + RUN_LIMIT.toNanos();
                while (!seen.getLast().isTerminal()) {
                    OrderEvent event = watched.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                    if (event == null) {
                        fail("Order did not finish within " + RUN_LIMIT + "; events so far: " + seen);
                    }
                    seen.add(event);
                }
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
