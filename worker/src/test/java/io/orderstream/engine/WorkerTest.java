package io.orderstream.engine;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

import io.orderstream.bus.InProcessEventBus;
import io.orderstream.dexsim.FaultModel;
import io.orderstream.dexsim.MockDex;
import io.orderstream.dexsim.PriceDrift;
import io.orderstream.metrics.ExecutionMetrics;
import io.orderstream.metrics.MeterSet;
import io.orderstream.order.Order;
import io.orderstream.order.OrderEvent;
import io.orderstream.order.OrderRequest;
import io.orderstream.order.OrderStatus;
import io.orderstream.queue.InProcessWorkSignal;
import io.orderstream.routing.DexRouter;
import io.orderstream.store.Database;
import io.orderstream.store.EventLog;
import io.orderstream.store.EventWriter;
import io.orderstream.store.OrderClaims;
import io.orderstream.store.OrderReplays;
import io.orderstream.store.OrderStore;
import io.orderstream.testing.TestDesk;
import io.orderstream.testing.TestH2;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

/**
 * Workers over one database: the heartbeat keeps an order with its worker however long its
 * steps take, and an order that keeps coming back unfinished is ended after its deliveries.
 */
class WorkerTest {
    private static final Duration CLAIM = Duration.ofMillis(300);
    private static final Duration RUN_LIMIT = Duration.ofSeconds(20);

    private Database database;
    private OrderStore store;
    private OrderClaims claims;
    private EventWriter writer;
    private EventLog events;
    private InProcessWorkSignal signal;
    private MeterSet meters;
    private TestDesk desk;

    @BeforeEach
    void open() {
        meters = new MeterSet();
        database = TestH2.open("worker");
        store = new OrderStore(database, Clock.systemUTC(), 100);
        claims = new OrderClaims(database, Clock.systemUTC());
        InProcessEventBus bus = new InProcessEventBus();
        writer = new EventWriter(database, Clock.systemUTC(), 2, 100, bus::publishAll);
        events = new EventLog(store, new OrderReplays(database, Clock.systemUTC(), 100), writer, bus);
        signal = new InProcessWorkSignal();
        desk = new TestDesk(store, events, signal);
    }

    @AfterEach
    void close() {
        desk.close();
        writer.close();
        database.close();
        meters.close();
    }

    @Test
    void theHeartbeatKeepsAnOrderWithItsWorkerThroughStepsLongerThanTheClaim() throws Exception {
        // Every DEX call takes longer than a claim lasts without its heartbeat.
        MockDex.Timings slow = new MockDex.Timings(Duration.ofMillis(400), Duration.ofMillis(400),
                                                   Duration.ofMillis(400), Duration.ofMillis(400));
        // The submit wakes a worker: the hint waits for the first one to listen.
        String orderId = desk.submit(request()).id();
        try (Worker first = worker(slow, 5).start(); Worker second = worker(slow, 5).start()) {
            Order done = awaitEnd(orderId);
            assertThat(done.status(), is(OrderStatus.CONFIRMED));
        }
        List<OrderStatus> life = store.eventsAfter(orderId, 0).stream().map(OrderEvent::status).toList();
        assertThat("one execution, no step taken twice", life, contains(
                OrderStatus.PENDING, OrderStatus.ROUTING, OrderStatus.ROUTING, OrderStatus.BUILDING,
                OrderStatus.BUILDING, OrderStatus.SUBMITTED, OrderStatus.CONFIRMED));
    }

    @Test
    void anOrderThatKeepsComingBackIsEndedAfterItsDeliveries() throws Exception {
        String orderId = desk.submit(request()).id();
        // Two workers took it and died: their claims lapse unrenewed.
        for (int crash = 0; crash < 2; crash++) {
            assertThat(awaitClaim("crashed-" + crash), is(true));
        }
        try (Worker worker = worker(MockDex.Timings.INSTANT, 2).start()) {
            Order done = awaitEnd(orderId);
            assertThat(done.status(), is(OrderStatus.FAILED));
            assertThat(done.failureReason().orElseThrow(), containsString("Abandoned after 2 deliveries"));
        }
        assertThat(claims.depth(), is(0L));
    }

    private Worker worker(MockDex.Timings timings, int maxDeliveries) {
        RandomGenerator random = RandomGenerator.of("L64X128MixRandom");
        DexRouter router = new DexRouter(List.of(new MockDex("raydium", 25, 1.0, 0, timings, FaultModel.none(),
                                                             PriceDrift.none(), random)));
        OrderExecutor executor = new OrderExecutor(router, new RetryPolicy(3, Duration.ZERO),
                                                   ExecutionMetrics.register(meters));
        return new Worker(claims, signal, events, executor,
                          new WorkerSettings(2, maxDeliveries, CLAIM, Duration.ofMillis(50)));
    }

    /** Claims the order as a worker that then dies, once the previous claim has lapsed. */
    private boolean awaitClaim(String owner) throws InterruptedException {
        long deadline = System.nanoTime() + RUN_LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!claims.claim(owner, 1, CLAIM).isEmpty()) {
                return true;
            }
            Thread.sleep(20);
        }
        return false;
    }

    private Order awaitEnd(String orderId) throws InterruptedException {
        long deadline = System.nanoTime() + RUN_LIMIT.toNanos();
        Order order = store.find(orderId).orElseThrow();
        while (!order.status().isTerminal() && System.nanoTime() < deadline) {
            Thread.sleep(20);
            order = store.find(orderId).orElseThrow();
        }
        return order;
    }

    private static OrderRequest request() {
        return new OrderRequest("SOL", "USDC", BigDecimal.ONE, BigDecimal.ONE, Optional.empty());
    }
}
