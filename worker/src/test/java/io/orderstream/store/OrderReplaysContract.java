package io.orderstream.store;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.orderstream.error.QueueFullException;
import io.orderstream.order.EventDetails;
import io.orderstream.order.FailureCode;
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
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What replays of failed orders and listings by failure code promise on every database: a failed
 * order goes back to pending and into the queue with its history kept and its seqs continued;
 * nothing else is replayed; a full queue refuses a replay and changes nothing. The tests of one
 * class share a database, so each works on orders of an owner of its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class OrderReplaysContract {
    private static final int CAPACITY = 10_000;

    private final TestDatabases databases;
    private Database database;
    private OrderStore store;
    private OrderReplays replays;
    private OrderClaims claims;

    /**
     * The contract on one kind of database.
     *
     * @param databases where the database of each test class, or of each test, comes from
     */
    protected OrderReplaysContract(TestDatabases databases) {
        this.databases = databases;
    }

    @BeforeAll
    void open() {
        database = databases.open();
        store = new OrderStore(database, Clock.systemUTC(), CAPACITY);
        replays = new OrderReplays(database, Clock.systemUTC(), CAPACITY);
        claims = new OrderClaims(database, Clock.systemUTC());
    }

    @AfterAll
    void close() {
        databases.close(database);
    }

    @Test
    void aFailedOrderIsQueuedAgainWithItsHistoryKept() {
        String owner = owner();
        String id = failed(owner, FailureCode.TIMEOUT);
        Order failed = store.find(id).orElseThrow();
        assertEquals(Optional.of(FailureCode.TIMEOUT), failed.failureCode());
        assertEquals(Optional.of("5ig"), failed.txSignature());

        OrderReplays.Replay replay = replays.replay(id, "Replayed", Optional.empty()).orElseThrow();
        OrderEvent pending = replay.event();

        assertEquals(5, pending.seq());
        assertEquals(OrderStatus.PENDING, pending.status());
        assertEquals(0, pending.progress());
        Order order = store.find(id).orElseThrow();
        assertEquals(order, replay.order());
        assertEquals(OrderStatus.PENDING, order.status());
        assertEquals(5, order.lastSeq());
        assertEquals(0, order.progress());
        assertEquals(pending.timestamp(), order.updatedAt());
        assertTrue(order.chosenDex().isEmpty() && order.txSignature().isEmpty() && order.failureReason().isEmpty()
                           && order.failureCode().isEmpty(), "the failed execution's outcome is cleared: " + order);
        List<OrderEvent> history = store.eventsAfter(id, 0);
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), history.stream().map(OrderEvent::seq).toList());
        assertEquals(List.of(OrderStatus.PENDING, OrderStatus.ROUTING, OrderStatus.BUILDING, OrderStatus.FAILED,
                             OrderStatus.PENDING), history.stream().map(OrderEvent::status).toList());
        assertEquals(pending, history.getLast());

        // Claimed as a new order is: first delivery, its replayed state; and the next step continues the seqs.
        OrderClaims.Claimed claimed = claimOnly(id);
        assertEquals(1, claimed.deliveries());
        assertEquals(5, claimed.order().lastSeq());
        assertEquals(6, store.append(id, OrderStatus.ROUTING, 10, "Routing", EventDetails.NONE).orElseThrow().seq());
    }

    @Test
    void onlyAFailedOrderIsReplayedAndOnlyOnce() {
        String owner = owner();
        String pending = create(owner);
        String confirmed = create(owner);
        store.append(confirmed, OrderStatus.CONFIRMED, 100, "Confirmed", EventDetails.NONE).orElseThrow();
        String cancelled = create(owner);
        store.append(cancelled, OrderStatus.CANCELLED, 0, "Cancelled", EventDetails.NONE).orElseThrow();
        String failed = failed(owner, FailureCode.SLIPPAGE);

        for (String id : List.of(pending, confirmed, cancelled)) {
            long lastSeq = store.find(id).orElseThrow().lastSeq();
            assertTrue(replays.replay(id, "Replayed", Optional.empty()).isEmpty(), "not failed: " + id);
            assertEquals(lastSeq, store.find(id).orElseThrow().lastSeq());
        }
        assertTrue(replays.replay(UUID.randomUUID().toString(), "Replayed", Optional.empty()).isEmpty(),
                   "no such order");
        assertEquals(5, replays.replay(failed, "Replayed", Optional.empty()).orElseThrow().event().seq());
        assertTrue(replays.replay(failed, "Replayed again", Optional.empty()).isEmpty(),
                   "pending again: not failed any more");
        assertEquals(5, store.find(failed).orElseThrow().lastSeq());
    }

    @Test
    void aFullQueueRefusesAReplayAndChangesNothing() {
        String id = failed(owner(), FailureCode.DEX_ERROR);
        OrderReplays full = new OrderReplays(database, Clock.systemUTC(), (int) claims.depth());

        assertThrows(QueueFullException.class, () -> full.replay(id, "Replayed", Optional.empty()));

        Order order = store.find(id).orElseThrow();
        assertEquals(OrderStatus.FAILED, order.status());
        assertEquals(4, order.lastSeq());
        assertEquals(Optional.of(FailureCode.DEX_ERROR), order.failureCode());
        assertEquals(4, store.eventsAfter(id, 0).size());
    }

    @Test
    void failedOrdersAreListedByFailureCodeInPages() {
        String owner = owner();
        String oldestTimeout = failed(owner, FailureCode.TIMEOUT);
        failed(owner, FailureCode.DEX_ERROR);
        String timeout = failed(owner, FailureCode.TIMEOUT);
        String newestTimeout = failed(owner, FailureCode.TIMEOUT);
        create(owner);

        OrderPage page1 = list(owner, FailureCode.TIMEOUT, PageCursor.FIRST);
        OrderPage page2 = list(owner, FailureCode.TIMEOUT, page1.nextCursor().orElseThrow());

        assertEquals(List.of(newestTimeout, timeout), ids(page1));
        assertEquals(List.of(oldestTimeout), ids(page2));
        assertTrue(page2.nextCursor().isEmpty());
        replays.replay(timeout, "Replayed", Optional.empty()).orElseThrow();
        assertEquals(List.of(newestTimeout, oldestTimeout), ids(list(owner, FailureCode.TIMEOUT, PageCursor.FIRST)),
                     "a replayed order is no longer failed");
        assertEquals(List.of(), ids(list(owner, FailureCode.MAX_DELIVERIES, PageCursor.FIRST)));
    }

    private OrderPage list(String owner, FailureCode code, PageCursor cursor) {
        return store.list(Optional.of(owner), Optional.of(OrderStatus.FAILED), Optional.of(code), 2, cursor);
    }

    private OrderClaims.Claimed claimOnly(String id) {
        // Other tests' orders may be claimable too: claim until this one comes, then give the rest back.
        String worker = "worker-" + UUID.randomUUID();
        for (int i = 0; i < 100; i++) {
            for (OrderClaims.Claimed claimed : claims.claim(worker, 100, Duration.ofMinutes(1))) {
                if (claimed.order().id().equals(id)) {
                    claims.releaseAll(worker);
                    return claimed;
                }
            }
        }
        throw new AssertionError("Order " + id + " was never claimed");
    }

    /** An order that routed, built a transaction and failed: four events. */
    private String failed(String owner, FailureCode code) {
        String id = create(owner);
        store.append(id, OrderStatus.ROUTING, 10, "Routing", EventDetails.NONE).orElseThrow();
        store.append(id, OrderStatus.BUILDING, 70, "Built",
                     EventDetails.builder().chosenDex("raydium").txSignature("5ig").build()).orElseThrow();
        store.append(id, OrderStatus.FAILED, 0, "Failed",
                     EventDetails.builder().failureReason("it failed").failureCode(code).build()).orElseThrow();
        return id;
    }

    private String create(String owner) {
        // Each a millisecond or more after the one before, so that newest-first is the order of creation.
        long before = System.currentTimeMillis();
        String id = store.create(owner, new OrderRequest("SOL", "USDC", BigDecimal.ONE, BigDecimal.ONE,
                                                         Optional.empty()), "Order received", Optional.empty())
                .order().id();
        while (System.currentTimeMillis() == before) {
            Thread.onSpinWait();
        }
        return id;
    }

    private static String owner() {
        return "owner-" + UUID.randomUUID();
    }

    private static List<String> ids(OrderPage page) {
        return page.orders().stream().map(Order::id).toList();
    }
}
