package io.orderstream.store;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.orderstream.order.EventDetails;
import io.orderstream.order.OrderRequest;
import io.orderstream.order.OrderStatus;
import io.orderstream.testing.TestDatabases;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What retention promises on every database: ended orders past the cutoff go with their events,
 * a batch at a time; recent orders and unfinished ones (however old) stay; two sweepers at once
 * delete each order once and fail nothing. Each test has a database of its own.
 */
abstract class OrderRetentionContract {
    private static final Instant NOW = Instant.now();
    private static final Instant CUTOFF = NOW.minus(Duration.ofDays(30));
    private static final Instant OLD = NOW.minus(Duration.ofDays(40));

    private final TestDatabases databases;
    private Database database;
    private OrderStore oldStore;
    private OrderStore store;
    private OrderRetention retention;

    /**
     * The contract on one kind of database.
     *
     * @param databases where the database of each test class, or of each test, comes from
     */
    protected OrderRetentionContract(TestDatabases databases) {
        this.databases = databases;
    }

    @BeforeEach
    void open() {
        database = databases.open();
        // Orders made through a store whose clock stands 40 days back are 40 days old.
        oldStore = new OrderStore(database, Clock.fixed(OLD, ZoneOffset.UTC), 10_000);
        store = new OrderStore(database, Clock.systemUTC(), 10_000);
        retention = new OrderRetention(database);
    }

    @AfterEach
    void close() {
        databases.close(database);
    }

    @Test
    void oldEndedOrdersGoWithTheirEventsAndEverythingElseStays() {
        List<String> expired = List.of(ended(oldStore, OrderStatus.CONFIRMED), ended(oldStore, OrderStatus.FAILED),
                                       ended(oldStore, OrderStatus.CANCELLED));
        String oldPending = create(oldStore);
        String oldRouting = create(oldStore);
        oldStore.append(oldRouting, OrderStatus.ROUTING, 10, "routing", EventDetails.NONE).orElseThrow();
        String recentEnded = ended(store, OrderStatus.CONFIRMED);
        String recentPending = create(store);
        // Created long ago but ended only now: kept for the whole period after its end.
        String endedLately = create(oldStore);
        store.append(endedLately, OrderStatus.FAILED, 0, "failed", failure()).orElseThrow();

        assertEquals(3, retention.deleteEnded(CUTOFF, 100));

        for (String id : expired) {
            assertTrue(store.find(id).isEmpty(), "old ended order " + id + " deleted");
            assertEquals(0, count("SELECT COUNT(*) FROM order_events WHERE order_id = ?", id), "its events deleted");
        }
        for (String id : List.of(oldPending, oldRouting, recentEnded, recentPending, endedLately)) {
            assertTrue(store.find(id).isPresent(), "order " + id + " kept");
            assertEquals(store.find(id).orElseThrow().lastSeq(),
                         count("SELECT COUNT(*) FROM order_events WHERE order_id = ?", id), "with all its events");
        }
        assertEquals(2, count("SELECT COUNT(*) FROM order_queue WHERE order_id IN (?, ?)", oldPending, oldRouting),
                     "unfinished orders stay queued");
        assertEquals(0, retention.deleteEnded(CUTOFF, 100), "nothing more to delete");
    }

    @Test
    void aBatchDeletesAtMostItsSize() {
        Set<String> expired = new HashSet<>();
        for (int i = 0; i < 7; i++) {
            expired.add(ended(oldStore, OrderStatus.CONFIRMED));
        }
        List<Integer> batches = new ArrayList<>();
        int deleted;
        do {
            deleted = retention.deleteEnded(CUTOFF, 3);
            batches.add(deleted);
        } while (deleted > 0);
        assertEquals(List.of(3, 3, 1, 0), batches);
        assertEquals(0, count("SELECT COUNT(*) FROM orders"));
        assertEquals(0, count("SELECT COUNT(*) FROM order_events"));
        assertThrows(IllegalArgumentException.class, () -> retention.deleteEnded(CUTOFF, 0));
    }

    @Test
    void twoSweepersAtOnceDeleteEachOrderOnce() throws Exception {
        int expired = 300;
        for (int i = 0; i < expired; i++) {
            ended(oldStore, i % 2 == 0 ? OrderStatus.CONFIRMED : OrderStatus.CANCELLED);
        }
        Set<String> kept = Set.of(create(oldStore), create(store), ended(store, OrderStatus.FAILED));
        // Two processes' sweeps: separate instances on separate connections, started together.
        List<OrderRetention> sweepers = List.of(new OrderRetention(database), new OrderRetention(database));
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> runs = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(sweepers.size())) {
            for (OrderRetention sweeper : sweepers) {
                runs.add(pool.submit(() -> {
                    go.await();
                    int total = 0;
                    for (int deleted = -1; deleted != 0; total += deleted) {
                        deleted = sweeper.deleteEnded(CUTOFF, 7);
                    }
                    return total;
                }));
            }
            go.countDown();
            int total = 0;
            for (Future<Integer> run : runs) {
                total += run.get();
            }
            assertEquals(expired, total, "each expired order deleted once, by one of them");
        }
        assertEquals(kept.size(), count("SELECT COUNT(*) FROM orders"));
        kept.forEach(id -> assertTrue(store.find(id).isPresent(), "order " + id + " kept"));
        assertEquals(0, count("SELECT COUNT(*) FROM order_events e WHERE NOT EXISTS "
                                      + "(SELECT 1 FROM orders o WHERE o.id = e.order_id)"), "no event left behind");
    }

    private static String ended(OrderStore through, OrderStatus status) {
        String id = create(through);
        through.append(id, status, status == OrderStatus.CONFIRMED ? 100 : 0, status.wireName(),
                       status == OrderStatus.CONFIRMED ? EventDetails.NONE : failure()).orElseThrow();
        return id;
    }

    private static String create(OrderStore through) {
        return through.create(new OrderRequest("SOL", "USDC", BigDecimal.ONE, BigDecimal.ONE, Optional.empty()),
                              "queued").order().id();
    }

    private static EventDetails failure() {
        return EventDetails.builder().failureReason("test").build();
    }

    private long count(String sql, String... ids) {
        return database.jdbc().autoCommit(connection -> {
            try (PreparedStatement query = connection.prepareStatement(sql)) {
                for (int i = 0; i < ids.length; i++) {
                    query.setString(i + 1, ids[i]);
                }
                try (ResultSet row = query.executeQuery()) {
                    row.next();
                    return row.getLong(1);
                }
            }
        });
    }
}
