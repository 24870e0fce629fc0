package io.orderstream.store;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;

import io.orderstream.error.IdempotencyConflictException;
import io.orderstream.order.EventDetails;
import io.orderstream.order.Order;
import io.orderstream.order.OrderEvent;
import io.orderstream.order.OrderRequest;
import io.orderstream.order.OrderStatus;
import io.orderstream.testing.TestDatabases;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the store promises on every database it runs on. Subclasses open the database; the tests
 * of one class share it, so no test assumes the tables are empty.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class OrderStoreContract {
    private static final String RECEIVED = "Order received";
    private static final Optional<String> UNTRACED = Optional.empty();
    /** Far after any real order, so that orders created at it come first in newest-first lists. */
    private static final long FUTURE_MS = Instant.parse("2100-01-01T00:00:00Z").toEpochMilli();

    private final TestDatabases databases;
    private Database database;
    private OrderStore store;

    /**
     * The contract on one kind of database.
     *
     * @param databases where the database of each test class, or of each test, comes from
     */
    protected OrderStoreContract(TestDatabases databases) {
        this.databases = databases;
    }

    @BeforeAll
    void open() {
        database = databases.open();
        store = new OrderStore(database, Clock.systemUTC(), 10_000);
    }

    @AfterAll
    void close() {
        databases.close(database);
    }

    @Test
    void newOrderIsPendingWithItsFirstEventAsSeqOne() {
        OrderStore.Creation creation = store.create(request(Optional.empty(), "1.5"), "Order received");

        Order order = creation.order();
        OrderEvent first = creation.firstEvent().orElseThrow();
        assertTrue(creation.created());
        assertEquals(OrderStatus.PENDING, order.status());
        assertEquals(1, order.lastSeq());
        assertEquals(0, new BigDecimal("1.5").compareTo(order.request().amount()));
        assertEquals(1, first.seq());
        assertEquals(OrderStatus.PENDING, first.status());
        assertEquals("Order received", first.message());
        assertEquals(List.of(first), store.eventsAfter(order.id(), 0));
        assertEquals(order, store.find(order.id()).orElseThrow());
    }

    @Test
    void appendedEventsTakeTheNextSeqsAndMoveTheOrderOn() {
        String id = create();

        OrderEvent routing = append(id, OrderStatus.ROUTING, 10, EventDetails.NONE);
        OrderEvent building = append(id, OrderStatus.BUILDING, 50,
                                     EventDetails.builder().chosenDex("raydium").txSignature("5ig").build());
        OrderEvent submitted = append(id, OrderStatus.SUBMITTED, 80, EventDetails.builder().attempt(1, 3).build());
        OrderEvent confirmed = append(id, OrderStatus.CONFIRMED, 100,
                                      EventDetails.builder().amountOut(new BigDecimal("148.123456789")).build());

        assertEquals(List.of(2L, 3L, 4L, 5L),
                     List.of(routing.seq(), building.seq(), submitted.seq(), confirmed.seq()));
        assertEquals(List.of(submitted, confirmed), store.eventsAfter(id, 3));
        Order order = store.find(id).orElseThrow();
        assertEquals(OrderStatus.CONFIRMED, order.status());
        assertEquals(5, order.lastSeq());
        assertEquals(100, order.progress());
        assertEquals(Optional.of("raydium"), order.chosenDex());
        assertEquals(Optional.of("5ig"), order.txSignature());
        assertEquals(Optional.of(new BigDecimal("148.123456789")), order.amountOut());
        assertTrue(store.append(id, OrderStatus.FAILED, 0, "too late", EventDetails.NONE).isEmpty(),
                   "nothing follows a terminal event");
        assertEquals(5, store.find(id).orElseThrow().lastSeq());
    }

    @Test
    void cancelIsAcceptedBeforeSubmissionAndRefusedAfter() {
        String early = create();
        append(early, OrderStatus.ROUTING, 10, EventDetails.NONE);
        String late = create();
        append(late, OrderStatus.ROUTING, 10, EventDetails.NONE);
        append(late, OrderStatus.BUILDING, 50, EventDetails.NONE);
        append(late, OrderStatus.SUBMITTED, 80, EventDetails.NONE);

        Optional<OrderEvent> cancelledEarly = cancel(early);
        Optional<OrderEvent> cancelledLate = cancel(late);

        assertEquals(3, cancelledEarly.orElseThrow().seq());
        assertEquals(OrderStatus.CANCELLED, store.find(early).orElseThrow().status());
        assertEquals(Optional.of("client asked"), store.find(early).orElseThrow().failureReason());
        assertTrue(cancelledLate.isEmpty(), "an order at a DEX cannot be cancelled");
        Order stillRunning = store.find(late).orElseThrow();
        assertEquals(OrderStatus.SUBMITTED, stillRunning.status());
        assertEquals(4, stillRunning.lastSeq());
    }

    @Test
    void sameIdempotencyKeyAndBodyGivesTheSameOrderWithoutANewEvent() {
        String key = "key-" + UUID.randomUUID();
        OrderStore.Creation first = store.create(request(Optional.of(key), "2.5"), "Order received");

        OrderStore.Creation again = store.create(request(Optional.of(key), "2.50"), "Order received");

        assertFalse(again.created());
        assertEquals(first.order().id(), again.order().id());
        assertEquals(1, store.eventsAfter(first.order().id(), 0).size());
        assertThrows(IdempotencyConflictException.class,
                     () -> store.create(request(Optional.of(key), "3"), "Order received"));
        assertEquals(1, store.eventsAfter(first.order().id(), 0).size());
    }

    @Test
    void idempotencyKeysArePerOwner() {
        String key = "key-" + UUID.randomUUID();
        String alice = "alice-" + UUID.randomUUID();
        String bob = "bob-" + UUID.randomUUID();

        OrderStore.Creation byAlice = store.create(alice, request(Optional.of(key), "1"), RECEIVED, UNTRACED);
        OrderStore.Creation byBob = store.create(bob, request(Optional.of(key), "2"), RECEIVED, UNTRACED);
        OrderStore.Creation aliceAgain = store.create(alice, request(Optional.of(key), "1"), RECEIVED, UNTRACED);

        assertTrue(byAlice.created());
        assertTrue(byBob.created(), "another owner's key is no conflict, even for another order");
        assertEquals(alice, byAlice.order().owner());
        assertEquals(bob, store.find(byBob.order().id()).orElseThrow().owner());
        assertFalse(aliceAgain.created());
        assertEquals(byAlice.order().id(), aliceAgain.order().id());
        assertThrows(IdempotencyConflictException.class,
                     () -> store.create(bob, request(Optional.of(key), "3"), RECEIVED, UNTRACED));
    }

    @Test
    void listsOneOwnersOrdersOrEveryOwners() {
        String alice = "alice-" + UUID.randomUUID();
        String bob = "bob-" + UUID.randomUUID();
        // A millisecond apart, so that newest-first is the order of creation.
        AtomicLong now = new AtomicLong(Instant.parse("2001-01-01T00:00:00Z").toEpochMilli());
        OrderStore past = new OrderStore(database, new TickingClock(now), 10_000);
        String first = past.create(alice, request(Optional.empty(), "1"), RECEIVED, UNTRACED).order().id();
        now.incrementAndGet();
        String others = past.create(bob, request(Optional.empty(), "1"), RECEIVED, UNTRACED).order().id();
        now.incrementAndGet();
        String second = past.create(alice, request(Optional.empty(), "1"), RECEIVED, UNTRACED).order().id();
        store.append(first, OrderStatus.ROUTING, 10, "Routing", EventDetails.NONE).orElseThrow();

        Optional<String> alices = Optional.of(alice);
        OrderPage page1 = store.list(alices, Optional.empty(), Optional.empty(), 1, PageCursor.FIRST);
        OrderPage page2 = store.list(alices, Optional.empty(), Optional.empty(), 1, page1.nextCursor().orElseThrow());
        OrderPage routing = store.list(alices, Optional.of(OrderStatus.ROUTING), Optional.empty(), 10,
                                       PageCursor.FIRST);
        OrderPage everyone = store.list(Optional.empty(), Optional.empty(), Optional.empty(), 10_000, PageCursor.FIRST);

        assertEquals(List.of(second), ids(page1));
        assertEquals(List.of(first), ids(page2));
        assertTrue(page2.nextCursor().isEmpty());
        assertEquals(List.of(first), ids(routing));
        assertTrue(ids(everyone).containsAll(List.of(first, others, second)));
        assertEquals(Order.ANONYMOUS_OWNER,
                     store.create(request(Optional.empty(), "1"), "Order received").order().owner());
    }

    @Test
    void listsNewestFirstInPagesAndByStatus() {
        // Four orders share one millisecond, so pages must break ties by id.
        AtomicLong now = new AtomicLong(FUTURE_MS);
        OrderStore future = new OrderStore(database, new TickingClock(now), 10_000);
        List<Order> created = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            now.set(FUTURE_MS + Math.max(0, i - 3));
            created.add(future.create(request(Optional.empty(), "1"), "Order received").order());
        }
        now.set(FUTURE_MS + 100);
        for (int i : new int[] {1, 5}) {
            future.append(created.get(i).id(), OrderStatus.ROUTING, 10, "Routing", EventDetails.NONE).orElseThrow();
        }
        List<String> newestFirst = created.stream()
                .sorted(Comparator.comparing((Order o) -> o.createdAt()).thenComparing(Order::id).reversed())
                .map(Order::id)
                .toList();

        OrderPage page1 = everyOwner(Optional.empty(), 3, PageCursor.FIRST);
        OrderPage page2 = everyOwner(Optional.empty(), 3, page1.nextCursor().orElseThrow());
        OrderPage page3 = everyOwner(Optional.empty(), 3, page2.nextCursor().orElseThrow());

        assertEquals(newestFirst.subList(0, 3), ids(page1));
        assertEquals(newestFirst.subList(3, 6), ids(page2));
        assertEquals(newestFirst.get(6), ids(page3).getFirst());
        assertEquals(PageCursor.after(page1.orders().getLast()), page1.nextCursor().orElseThrow());

        List<String> routingNewestFirst = newestFirst.stream()
                .filter(id -> id.equals(created.get(1).id()) || id.equals(created.get(5).id()))
                .toList();
        OrderPage routing1 = everyOwner(Optional.of(OrderStatus.ROUTING), 1, PageCursor.FIRST);
        OrderPage routing2 = everyOwner(Optional.of(OrderStatus.ROUTING), 1, routing1.nextCursor().orElseThrow());
        assertEquals(routingNewestFirst, List.of(ids(routing1).getFirst(), ids(routing2).getFirst()));
        assertEquals(OrderStatus.ROUTING, routing1.orders().getFirst().status());
    }

    @Test
    void concurrentAppendersToOneOrderGetSeqsWithoutGaps() throws Exception {
        String id = create();
        int appenders = 8;
        int each = 25;

        try (ExecutorService pool = Executors.newFixedThreadPool(appenders)) {
            List<Future<?>> work = new ArrayList<>();
            for (int i = 0; i < appenders; i++) {
                work.add(pool.submit(() -> {
                    for (int n = 0; n < each; n++) {
                        append(id, OrderStatus.ROUTING, 10, EventDetails.NONE);
                    }
                    return null;
                }));
            }
            for (Future<?> done : work) {
                done.get();
            }
        }

        long total = 1 + (long) appenders * each;
        List<Long> seqs = store.eventsAfter(id, 0).stream().map(OrderEvent::seq).toList();
        assertEquals(LongStream.rangeClosed(1, total).boxed().toList(), seqs);
        assertEquals(total, store.find(id).orElseThrow().lastSeq());
    }

    private String create() {
        return store.create(request(Optional.empty(), "1"), "Order received").order().id();
    }

    private OrderEvent append(String id, OrderStatus status, int progress, EventDetails details) {
        return store.append(id, status, progress, status.wireName(), details).orElseThrow();
    }

    private Optional<OrderEvent> cancel(String id) {
        return store.append(id, OrderStatus.CANCELLED, 0, "Cancelled",
                            EventDetails.builder().failureReason("client asked").build());
    }

    private static OrderRequest request(Optional<String> key, String amount) {
        return new OrderRequest("SOL", "USDC", new BigDecimal(amount), new BigDecimal("1"), key);
    }

    private static List<String> ids(OrderPage page) {
        return page.orders().stream().map(Order::id).toList();
    }

    /** A clock that reads a shared millisecond counter. */
    private static final class TickingClock extends Clock {
        private final AtomicLong millis;

        TickingClock(AtomicLong millis) {
            this.millis = millis;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis.get());
        }

        @Override
        public long millis() {
            return millis.get();
        }
    }

    /** A page of every owner's orders, of any failure. */
    private OrderPage everyOwner(Optional<OrderStatus> status, int limit, PageCursor cursor) {
        return store.list(Optional.empty(), status, Optional.empty(), limit, cursor);
    }
}
