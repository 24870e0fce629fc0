package io.orderstream.retention;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import io.orderstream.bus.InProcessEventBus;
import io.orderstream.error.StoreUnavailableException;
import io.orderstream.order.OrderRequest;
import io.orderstream.queue.InProcessWorkSignal;
import io.orderstream.store.Database;
import io.orderstream.store.EventLog;
import io.orderstream.store.EventWriter;
import io.orderstream.store.OrderReplays;
import io.orderstream.store.OrderRetention;
import io.orderstream.store.OrderStore;
import io.orderstream.testing.TestDesk;
import io.orderstream.testing.TestH2;
import io.orderstream.worker.Backend;
import io.orderstream.worker.BackendSettings;
import io.orderstream.worker.Engine;
import io.orderstream.worker.EngineSettings;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sweep around {@link OrderRetention}: batch after batch until none are left, on a thread of
 * its own that ends on close, failures logged and retried. The orders are made now and the
 * sweep's clock stands 40 days ahead.
 */
class RetentionSweepTest {
    private static final Clock LATER = Clock.offset(Clock.systemUTC(), Duration.ofDays(40));
    private static final Duration MONTH = Duration.ofDays(30);

    private final List<LogRecord> logged = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private final Logger log = Logger.getLogger(RetentionSweep.class.getName());
    private Database database;
    private OrderStore store;
    private EventWriter writer;
    private EventLog events;
    private TestDesk desk;

    @BeforeEach
    void open() {
        database = TestH2.open("sweep");
        store = new OrderStore(database, Clock.systemUTC(), 10_000);
        InProcessEventBus bus = new InProcessEventBus();
        writer = new EventWriter(database, Clock.systemUTC(), 1, 10, bus::publishAll);
        events = new EventLog(store, new OrderReplays(database, Clock.systemUTC(), 10_000), writer, bus);
        desk = new TestDesk(store, events, new InProcessWorkSignal());
        log.addHandler(capture);
    }

    @AfterEach
    void close() {
        log.removeHandler(capture);
        desk.close();
        writer.close();
        database.close();
    }

    @Test
    void oneSweepDeletesBatchAfterBatchUntilNoneAreLeft() {
        for (int i = 0; i < 5; i++) {
            ended();
        }
        String unfinished = create();
        try (RetentionSweep sweep = new RetentionSweep(new OrderRetention(database),
                                                       new RetentionSettings(MONTH, 2, Duration.ofHours(1)),
                                                       LATER)) {
            assertEquals(5, sweep.sweep());
            assertEquals(0, sweep.sweep());
        }
        assertTrue(store.find(unfinished).isPresent(), "an unfinished order stays");
    }

    @Test
    void sweepsOnItsOwnThreadUntilClosed() throws InterruptedException {
        String old = ended();
        RetentionSweep sweep = new RetentionSweep(new OrderRetention(database),
                                                  new RetentionSettings(MONTH, 10, Duration.ofMillis(100)),
                                                  LATER).start();
        try {
            awaitTrue(() -> store.find(old).isEmpty(), "the scheduled sweep deleted the order");
            awaitTrue(() -> logged.stream().anyMatch(r -> r.getLevel() == Level.INFO
                    && r.getMessage().contains("Deleted 1 ended orders older than 30 days")), "the sweep told");
            assertTrue(sweepThreadAlive());
        } finally {
            sweep.close();
        }
        // The executor reports itself terminated a moment before its thread has left run().
        awaitTrue(() -> !sweepThreadAlive(), "the thread ends on close");
    }

    @Test
    void aFailedSweepIsLoggedAsAWarningAndTriedAgain() throws InterruptedException {
        Database broken = TestH2.open("sweep-broken");
        OrderRetention retention = new OrderRetention(broken);
        broken.close();
        try (RetentionSweep sweep = new RetentionSweep(retention,
                                                       new RetentionSettings(MONTH, 10, Duration.ofMillis(50)),
                                                       LATER).start()) {
            awaitTrue(() -> warnings().size() >= 2, "each failed sweep logged");
        }
        LogRecord warning = warnings().getFirst();
        assertTrue(warning.getMessage().contains("failed; trying again"), warning.getMessage());
        assertInstanceOf(StoreUnavailableException.class, warning.getThrown(), "with its cause");
    }

    @Test
    void isConfiguredByDaysAndOffAtZero() {
        Map<String, String> h2 = Map.of("orderstream.db.url", "jdbc:h2:mem:sweepconfig;DATABASE_TO_LOWER=TRUE");
        try (Backend backend = Backend.open(BackendSettings.create(config(h2)))) {
            Optional<RetentionSweep> byDefault = Engine.retention(EngineSettings.create(config(h2)), backend);
            assertTrue(byDefault.isPresent(), "on by default");
            byDefault.get().close();
            assertTrue(Engine.retention(EngineSettings.create(config(Map.of("orderstream.retention.days", "0"))),
                                        backend).isEmpty(), "0 keeps all");
        }
        assertEquals(Optional.of(new RetentionSettings(MONTH, 500, Duration.ofMinutes(10))),
                     RetentionSettings.create(config(Map.of())), "30 days, 500 a batch, every 10 minutes");
        assertRefused("orderstream.retention.days", "-1", "must be 0 (keep every order) or more, got -1");
        assertRefused("orderstream.retention.batch", "0", "must be from 1 to 10000, got 0");
        assertRefused("orderstream.retention.interval.seconds", "0", "must be positive, got 0");
        assertRefused("orderstream.retention.days", "a month", "must be a whole number, got 'a month'");
    }

    private static void assertRefused(String key, String value, String why) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                                                        () -> RetentionSettings.create(config(Map.of(key, value))));
        assertEquals(key + " " + why, refused.getMessage());
    }

    private List<LogRecord> warnings() {
        return logged.stream().filter(r -> r.getLevel() == Level.WARNING).toList();
    }

    private static boolean sweepThreadAlive() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(thread -> thread.getName().equals("retention-sweep") && thread.isAlive());
    }

    private static Config config(Map<String, String> settings) {
        return Config.just(ConfigSources.create(settings));
    }

    private String ended() {
        return desk.cancel(create()).id();
    }

    private String create() {
        return desk.submit(new OrderRequest("SOL", "USDC", BigDecimal.ONE, BigDecimal.ONE, Optional.empty())).id();
    }

    private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Not within 5 s: " + what);
            }
            Thread.sleep(20);
        }
    }
}
