package io.orderstream.store;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

import io.orderstream.error.QueueFullException;
import io.orderstream.order.EventDetails;
import io.orderstream.order.Order;
import io.orderstream.order.OrderEvent;
import io.orderstream.order.OrderRequest;
import io.orderstream.order.OrderStatus;
import io.orderstream.testing.TestDatabases;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the order queue and its claims promise on every database: one holder per order, claims
 * that lapse without a heartbeat, steps stored only under the claim, and never more queued
 * entries than unfinished orders. Each test has a database of its own, as claims take any
 * claimable order in it.
 */
abstract class OrderClaimsContract {
    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final int CAPACITY = 10_000;

    private final TestDatabases databases;
    private Database database;
    private OrderStore store;
    private OrderClaims claims;
    private EventWriter writer;
    private final List<OrderEvent> published = new CopyOnWriteArrayList<>();

    /**
     * The contract on one kind of database.
     *
     * @param databases where the database of each test class, or of each test, comes from
     */
    protected OrderClaimsContract(TestDatabases databases) {
        this.databases = databases;
    }

    @BeforeEach
    void open() {
        database = databases.open();
        store = new OrderStore(database, Clock.systemUTC(), CAPACITY);
        claims = new OrderClaims(database, Clock.systemUTC());
        writer = new EventWriter(database, Clock.systemUTC(), 2, 1024, published::addAll);
    }

    @AfterEach
    void close() {
        try {
            writer.close();
        } finally {
            databases.close(database);
        }
    }

    @Test
    void concurrentWorkersNeverClaimTheSameOrder() throws Exception {
        Set<String> created = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            created.add(create());
        }
        List<String> claimed = new CopyOnWriteArrayList<>();
        try (ExecutorService workers = Executors.newFixedThreadPool(4)) {
            List<Future<?>> loops = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                String owner = "worker-" + w;
                loops.add(workers.submit(() -> {
                    List<OrderClaims.Claimed> taken;
                    do {
                        taken = claims.claim(owner, 7, MINUTE);
                        taken.forEach(c -> claimed.add(c.order().id()));
                    } while (!taken.isEmpty());
                    return null;
                }));
            }
            for (Future<?> loop : loops) {
                loop.get();
            }
        }
        assertEquals(created.size(), claimed.size(), "every order claimed exactly once");
        assertEquals(created, Set.copyOf(claimed));
    }

    @Test
    void aClaimLapsesWhenItsHolderStopsHeartbeating() throws InterruptedException {
        String id = create();
        Duration length = Duration.ofMillis(300);
        OrderClaims.Claimed first = claims.claim("dead", 5, length).getFirst();
        assertEquals(id, first.order().id());
        assertEquals(1, first.deliveries());
        assertTrue(claims.claim("alive", 5, MINUTE).isEmpty(), "held while the claim lasts");

        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        List<OrderClaims.Claimed> taken = List.of();
        while (taken.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
            taken = claims.claim("alive", 5, MINUTE);
        }
        assertEquals(List.of(id), taken.stream().map(c -> c.order().id()).toList(), "taken back after it lapsed");
        assertEquals(2, taken.getFirst().deliveries());
        assertTrue(store.find(id).isPresent());
    }

    @Test
    void eachClaimCarriesTheTraceItsOrderWasQueuedWith() throws InterruptedException {
        String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        String traced = store.create("alice", request(Optional.empty()), "queued", Optional.of(traceparent))
                .order().id();
        String untraced = create();
        List<OrderClaims.Claimed> taken = claims.claim("worker", 5, Duration.ofMillis(1));
        assertEquals(Set.of(traced, untraced), Set.copyOf(ids(taken)));
        for (OrderClaims.Claimed claimed : taken) {
            assertEquals(claimed.order().id().equals(traced) ? Optional.of(traceparent) : Optional.empty(),
                         claimed.traceparent(), "the trace of " + claimed.order().id());
        }
        // And again when a lapsed claim is taken back, by another worker, say in another process.
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        List<OrderClaims.Claimed> again = List.of();
        while (again.size() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(20);
            again = claims.claim("another", 5, MINUTE);
        }
        assertEquals(Optional.of(traceparent), again.stream().filter(c -> c.order().id().equals(traced))
                .findFirst().orElseThrow().traceparent());
    }

    @Test
    void theHeartbeatKeepsAClaimAndOnlyItsHolderRenewsIt() throws InterruptedException {
        String id = create();
        Duration length = Duration.ofMillis(300);
        claims.claim("holder", 5, length);
        for (int beat = 0; beat < 8; beat++) {
            Thread.sleep(100);
            assertEquals(Set.of(id), claims.renew("holder", List.of(id), length));
            assertEquals(Set.of(), claims.renew("other", List.of(id), length), "only the holder renews");
            assertTrue(claims.claim("other", 5, MINUTE).isEmpty(), "held across " + (beat + 1) + " beats");
        }
    }

    @Test
    void aReleasedOrderIsClaimableAgainAndAStoppedWorkerGivesBackAll() {
        String one = create();
        String two = create();
        claims.claim("first", 5, MINUTE);
        claims.release("other", one, Duration.ZERO);
        assertTrue(claims.claim("second", 5, MINUTE).isEmpty(), "only the holder releases");

        claims.release("first", one, Duration.ZERO);
        assertEquals(List.of(one), ids(claims.claim("second", 5, MINUTE)));
        assertEquals(1, claims.releaseAll("first"));
        assertEquals(List.of(two), ids(claims.claim("third", 5, MINUTE)));
    }

    @Test
    void stepsAreStoredOnlyUnderTheClaimInSeqAndBeforeTheyArePublished() throws Exception {
        String id = create();
        claims.claim("holder", 5, MINUTE);

        OrderEvent routing = step(id, "holder", 1, OrderStatus.ROUTING, 10).orElseThrow();
        assertEquals(2, routing.seq());
        assertTrue(step(id, "intruder", 2, OrderStatus.ROUTING, 30).isEmpty(), "not the claim's holder");
        assertTrue(step(id, "holder", 1, OrderStatus.ROUTING, 30).isEmpty(), "a seq already taken");
        assertEquals(store.eventsAfter(id, 0).getLast(), routing);
        assertEquals(List.of(routing), awaitPublished(1), "published once stored");

        store.append(id, OrderStatus.CANCELLED, 0, "Cancelled", EventDetails.builder().failureReason("asked").build())
                .orElseThrow();
        assertTrue(step(id, "holder", 3, OrderStatus.BUILDING, 50).isEmpty(), "the order was cancelled");
        assertEquals(0, claims.depth(), "a cancel ends the order's place in the queue");
    }

    @Test
    void aTerminalStepEndsTheOrdersPlaceInTheQueue() throws Exception {
        String id = create();
        claims.claim("holder", 5, Duration.ofMillis(100));
        step(id, "holder", 1, OrderStatus.FAILED, 0).orElseThrow();
        assertEquals(0, claims.depth());
        Thread.sleep(150);
        assertTrue(claims.claim("other", 5, MINUTE).isEmpty(), "an ended order is never claimed again");
    }

    @Test
    void aFullQueueRefusesOrdersAndStoresNothingUntilThereIsRoom() throws Exception {
        OrderStore small = new OrderStore(database, Clock.systemUTC(), 2);
        String first = small.create(request(Optional.empty()), "queued").order().id();
        String kept = small.create(request(Optional.of("key-0")), "queued").order().id();
        long stored = orderCount();

        assertThrows(QueueFullException.class, () -> small.create(request(Optional.of("key-1")), "queued"));
        assertEquals(stored, orderCount(), "a refused order stores nothing");
        OrderStore.Creation again = small.create(request(Optional.of("key-0")), "queued");
        assertEquals(kept, again.order().id(), "a retry of an accepted order is answered with it, queue full or not");
        assertFalse(again.created());

        claims.claim("holder", 5, MINUTE);
        step(first, "holder", 1, OrderStatus.FAILED, 0).orElseThrow();
        OrderStore.Creation retried = small.create(request(Optional.of("key-1")), "queued");
        assertTrue(retried.created(), "the same idempotency key creates the order once there is room");
        assertEquals(2, claims.depth());
    }

    @Test
    void queuedEntriesNeverExceedUnfinishedOrdersUnderABacklog() throws Exception {
        for (int i = 0; i < CAPACITY; i++) {
            create();
        }
        assertThrows(QueueFullException.class, this::create);
        assertConsistent();

        // Four workers claim with short claims, end some orders, abandon others to lapse, and
        // release the rest, while the queue is checked against the orders again and again.
        AtomicBoolean stop = new AtomicBoolean();
        Set<String> ended = ConcurrentHashMap.newKeySet();
        try (ExecutorService pool = Executors.newFixedThreadPool(5)) {
            List<Future<?>> loops = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                String owner = "worker-" + w;
                loops.add(pool.submit(() -> {
                    while (!stop.get()) {
                        for (OrderClaims.Claimed claimed : claims.claim(owner, 50, Duration.ofMillis(200))) {
                            Order order = claimed.order();
                            switch (ThreadLocalRandom.current().nextInt(3)) {
                                case 0 -> step(order.id(), owner, order.lastSeq(), OrderStatus.FAILED, 0)
                                        .ifPresent(event -> ended.add(order.id()));
                                case 1 -> claims.release(owner, order.id(), Duration.ZERO);
                                default -> {
                                    // Abandoned: the claim lapses by itself.
                                }
                            }
                        }
                    }
                    return null;
                }));
            }
            loops.add(pool.submit(() -> {
                long until = System.nanoTime() + Duration.ofSeconds(3).toNanos();
                while (System.nanoTime() < until) {
                    assertConsistent();
                    Thread.sleep(20);
                }
                return null;
            }));
            loops.getLast().get();
            stop.set(true);
            for (Future<?> loop : loops) {
                loop.get();
            }
        }
        assertConsistent();
        assertFalse(ended.isEmpty());
        assertEquals(CAPACITY - ended.size(), claims.depth());
    }

    /** One snapshot: the queue holds exactly the unfinished orders, each once. */
    private void assertConsistent() {
        long[] counts = database.jdbc().autoCommit(connection -> {
            try (PreparedStatement query = connection.prepareStatement("""
                    SELECT (SELECT COUNT(*) FROM order_queue),
                           (SELECT COUNT(*) FROM orders WHERE status NOT IN ('confirmed', 'failed', 'cancelled')),
                           (SELECT COUNT(*) FROM order_queue q JOIN orders o ON o.id = q.order_id
                            WHERE o.status NOT IN ('confirmed', 'failed', 'cancelled'))""");
                 ResultSet row = query.executeQuery()) {
                row.next();
                return new long[] {row.getLong(1), row.getLong(2), row.getLong(3)};
            }
        });
        assertEquals(counts[1], counts[0], "queue entries = unfinished orders");
        assertEquals(counts[0], counts[2], "every queue entry is an unfinished order");
        assertTrue(counts[0] <= CAPACITY, "within the bound: " + counts[0]);
    }

    /** What was published, once it holds {@code count} events or a second has passed. */
    private List<OrderEvent> awaitPublished(int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(1).toNanos();
        while (published.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return List.copyOf(published);
    }

    private long orderCount() {
        return database.jdbc().autoCommit(connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT COUNT(*) FROM orders");
                 ResultSet row = query.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        });
    }

    private Optional<OrderEvent> step(String id, String owner, long afterSeq, OrderStatus status, int progress)
            throws Exception {
        EventDetails details = status == OrderStatus.FAILED
                ? EventDetails.builder().failureReason("test").build()
                : EventDetails.NONE;
        return writer.append(new EventWriter.Step(id, owner, afterSeq, status, progress, status.wireName(), details))
                .get();
    }

    private String create() {
        return store.create(request(Optional.empty()), "queued").order().id();
    }

    private static List<String> ids(List<OrderClaims.Claimed> claimed) {
        return claimed.stream().map(c -> c.order().id()).toList();
    }

    private static OrderRequest request(Optional<String> key) {
        return new OrderRequest("SOL", "USDC", BigDecimal.ONE, BigDecimal.ONE, key);
    }
}
