package io.orderstream.store;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One batch of the event writer holding several steps of one execution, as noted steps arrive,
 * among other orders' steps: the order is moved on once for them, and ends exactly as moving it
 * step by step would leave it; a run is stored or refused whole.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class StepBatchContract {
    private static final String WORKER = "worker-a";

    private final TestDatabases databases;
    private Database database;
    private OrderStore store;
    private OrderClaims claims;

    /**
     * The contract on one kind of database.
     *
     * @param databases where the database of each test class, or of each test, comes from
     */
    protected StepBatchContract(TestDatabases databases) {
        this.databases = databases;
    }

    @BeforeAll
    void open() {
        database = databases.open();
        store = new OrderStore(database, Clock.systemUTC(), 10_000);
        claims = new OrderClaims(database, Clock.systemUTC());
    }

    @AfterAll
    void close() {
        databases.close(database);
    }

    @Test
    void anExecutionsStepsInOneBatchAllLandAndLeaveTheOrderAsTheirLast() throws Exception {
        String one = claimedOrder();
        String other = claimedOrder();
        Batch batch = new Batch();
        batch.step(one, 1, OrderStatus.ROUTING, 10, EventDetails.NONE);
        batch.step(other, 1, OrderStatus.ROUTING, 10, EventDetails.NONE);
        batch.step(one, 2, OrderStatus.ROUTING, 30, EventDetails.builder().chosenDex("meteora").build());
        batch.step(one, 3, OrderStatus.BUILDING, 70, EventDetails.builder().txSignature("5ig").build());
        batch.step(other, 2, OrderStatus.ROUTING, 30, EventDetails.builder().chosenDex("raydium").build());
        batch.step(one, 4, OrderStatus.SUBMITTED, 80, EventDetails.builder().attempt(1, 3).build());
        batch.step(one, 5, OrderStatus.FAILED, 80, EventDetails.builder().failureReason("slipped")
                .failureCode(FailureCode.SLIPPAGE).build());

        long queued = claims.depth();
        List<Optional<OrderEvent>> stored = batch.store();

        assertTrue(stored.stream().allMatch(Optional::isPresent), "every step stored: " + stored);
        assertEquals(List.of(2L, 3L, 4L, 5L, 6L), store.eventsAfter(one, 1).stream().map(OrderEvent::seq).toList());
        Order ended = store.find(one).orElseThrow();
        assertEquals(OrderStatus.FAILED, ended.status());
        assertEquals(6, ended.lastSeq());
        assertEquals(80, ended.progress());
        assertEquals(Optional.of("meteora"), ended.chosenDex());
        assertEquals(Optional.of("5ig"), ended.txSignature());
        assertEquals(Optional.of("slipped"), ended.failureReason());
        assertEquals(Optional.of(FailureCode.SLIPPAGE), ended.failureCode());
        assertEquals(queued - 1, claims.depth(), "the ended order left the queue");
        Order moving = store.find(other).orElseThrow();
        assertEquals(OrderStatus.ROUTING, moving.status());
        assertEquals(3, moving.lastSeq());
        assertEquals(Optional.of("raydium"), moving.chosenDex());
    }

    @Test
    void stepsAfterOneTheStoreRefusesAreRefusedWholeAndStoreNothing() throws Exception {
        String cancelled = claimedOrder();
        store.append(cancelled, OrderStatus.CANCELLED, 0, "Cancelled by client", EventDetails.NONE).orElseThrow();
        Batch batch = new Batch();
        batch.step(cancelled, 1, OrderStatus.ROUTING, 10, EventDetails.NONE);
        batch.step(cancelled, 2, OrderStatus.ROUTING, 30, EventDetails.builder().chosenDex("meteora").build());
        batch.step(cancelled, 3, OrderStatus.BUILDING, 50, EventDetails.NONE);

        assertTrue(batch.store().stream().allMatch(Optional::isEmpty), "every step refused");
        Order order = store.find(cancelled).orElseThrow();
        assertEquals(OrderStatus.CANCELLED, order.status());
        assertEquals(2, order.lastSeq());
        assertEquals(Optional.empty(), order.chosenDex());
        assertEquals(List.of(OrderStatus.CANCELLED),
                     store.eventsAfter(cancelled, 1).stream().map(OrderEvent::status).toList());
    }

    @Test
    void anotherWorkersStepDoesNotRideOnTheHoldersRun() throws Exception {
        String orderId = claimedOrder();
        Batch batch = new Batch();
        batch.step(orderId, 1, OrderStatus.ROUTING, 10, EventDetails.NONE);
        batch.step("worker-b", orderId, 2, OrderStatus.ROUTING, 30, EventDetails.NONE);

        List<Optional<OrderEvent>> stored = batch.store();

        assertTrue(stored.get(0).isPresent(), "the holder's step is stored");
        assertTrue(stored.get(1).isEmpty(), "a step without the claim is refused");
        assertEquals(2, store.find(orderId).orElseThrow().lastSeq());
    }

    private String claimedOrder() {
        String orderId = store.create(new OrderRequest("SOL", "USDC", BigDecimal.ONE, BigDecimal.ONE,
                                                       Optional.empty()), "queued").order().id();
        // Claims the oldest claimable orders: every earlier test's orders are claimed or ended.
        List<OrderClaims.Claimed> claimed = claims.claim(WORKER, 10, Duration.ofMinutes(5));
        assertTrue(claimed.stream().anyMatch(c -> c.order().id().equals(orderId)), "claimed " + orderId);
        return orderId;
    }

    /** Steps written together in one transaction, as one batch of a writer lane. */
    private final class Batch {
        private final Instant now = Instant.ofEpochMilli(System.currentTimeMillis());
        private final List<EventWriter.Step> steps = new ArrayList<>();

        void step(String orderId, long afterSeq, OrderStatus status, int progress, EventDetails details) {
            step(WORKER, orderId, afterSeq, status, progress, details);
        }

        void step(String owner, String orderId, long afterSeq, OrderStatus status, int progress,
                  EventDetails details) {
            steps.add(new EventWriter.Step(orderId, owner, afterSeq, status, progress, status.wireName(), details));
        }

        List<Optional<OrderEvent>> store() {
            List<OrderEvent> events = steps.stream().map(step -> step.toEvent(now)).toList();
            return database.jdbc().inTransaction(connection -> StepBatch.store(connection, steps, events));
        }
    }
}
