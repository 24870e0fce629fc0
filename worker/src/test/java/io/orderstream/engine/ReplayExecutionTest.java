package io.orderstream.engine;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

import io.orderstream.dexsim.FaultModel;
import io.orderstream.dexsim.InMemoryLedger;
import io.orderstream.dexsim.MockDex;
import io.orderstream.dexsim.PriceDrift;
import io.orderstream.metrics.ExecutionMetrics;
import io.orderstream.order.FailureCode;
import io.orderstream.order.Order;
import io.orderstream.order.OrderEvent;
import io.orderstream.order.OrderRequest;
import io.orderstream.order.OrderStatus;
import io.orderstream.routing.Dex;
import io.orderstream.routing.DexRouter;
import io.orderstream.routing.Execution;
import io.orderstream.routing.SignedTransaction;
import io.orderstream.routing.TransientDexException;
import io.orderstream.store.EventLog;
import io.orderstream.store.OrderClaims;
import io.orderstream.store.OrderStore;
import io.orderstream.testing.TestDesk;
import io.orderstream.testing.TestEngine;

import io.helidon.metrics.api.Metrics;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

/**
 * A replayed order is a new execution of the same order: it routes, builds and submits afresh,
 * its events continue the order's seqs, and a transaction an earlier execution sent is looked up
 * before anything is sent again, never sent blindly.
 */
class ReplayExecutionTest {
    private static final RandomGenerator RANDOM = RandomGenerator.of("L64X128MixRandom");

    private OrderStore store;
    private OrderClaims claims;
    private EventLog events;
    private ExecutionMetrics metrics;
    private TestDesk desk;
    private TestEngine engine;
    private final InMemoryLedger ledger = new InMemoryLedger();

    @BeforeEach
    void openDatabase() {
        engine = TestEngine.open("replay");
        metrics = engine.metrics();
        store = engine.store();
        claims = engine.claims();
        events = engine.events();
        desk = engine.desk();
    }

    @AfterEach
    void closeDatabase() {
        engine.close();
    }

    @Test
    void aReplayRoutesBuildsAndSubmitsAfreshContinuingTheSeqs() throws Exception {
        // Three failed sends end the first execution; the DEX works again by the replay.
        Dex dex = dex(FaultModel.failFirst(3));
        String id = desk.submit(request()).id();
        runOnce(dex);
        Order failed = store.find(id).orElseThrow();
        assertThat(failed.status(), is(OrderStatus.FAILED));
        assertThat(failed.failureCode(), is(Optional.of(FailureCode.DEX_ERROR)));
        String firstSignature = failed.txSignature().orElseThrow();
        long failedSeq = failed.lastSeq();

        desk.replay(id);
        runOnce(dex);

        Order order = store.find(id).orElseThrow();
        assertThat(order.status(), is(OrderStatus.CONFIRMED));
        List<OrderEvent> history = store.eventsAfter(id, 0);
        for (int i = 0; i < history.size(); i++) {
            assertThat("seqs continue without a gap", history.get(i).seq(), is(i + 1L));
        }
        List<OrderEvent> replay = store.eventsAfter(id, failedSeq);
        assertThat(replay.stream().map(OrderEvent::status).toList(), contains(
                OrderStatus.PENDING, OrderStatus.ROUTING, OrderStatus.ROUTING, OrderStatus.BUILDING,
                OrderStatus.BUILDING, OrderStatus.SUBMITTED, OrderStatus.CONFIRMED));
        assertThat("attempts count again from 1", replay.get(5).details().attempt(), is(1));
        assertThat("a new transaction", order.txSignature().orElseThrow(), not(is(firstSignature)));
        assertThat("the first transaction is not sent again", ledger.submissions(firstSignature), is(3L));
        assertThat(count("orderstream.orders.confirmed"), is(1L));
        assertThat(count("orderstream.orders.failed", "reason", "dex_error"), is(1L));
    }

    @Test
    void aTransactionAnEarlierExecutionSentThatLandedSinceConfirmsTheReplay() throws Exception {
        Dex refusing = new ForwardingDex(dex(FaultModel.none())) {
            @Override
            public Execution submit(SignedTransaction transaction) {
                ledger.submitted(transaction.signature());
                throw new TransientDexException("RPC node timed out");
            }
        };
        String id = desk.submit(request()).id();
        runOnce(refusing);
        Order failed = store.find(id).orElseThrow();
        assertThat(failed.status(), is(OrderStatus.FAILED));
        String sent = failed.txSignature().orElseThrow();
        // The chain took the transaction after all, once the execution had given up.
        ledger.landed(new Execution(sent, new BigDecimal("150"), new BigDecimal("1500")));

        desk.replay(id);
        runOnce(dex(FaultModel.none()));

        Order order = store.find(id).orElseThrow();
        assertThat(order.status(), is(OrderStatus.CONFIRMED));
        assertThat(order.txSignature(), is(Optional.of(sent)));
        assertThat(order.amountOut().orElseThrow().compareTo(new BigDecimal("1500")), is(0));
        assertThat("looked up, not routed or sent", store.eventsAfter(id, failed.lastSeq()).stream()
                .map(OrderEvent::status).toList(), contains(OrderStatus.PENDING, OrderStatus.CONFIRMED));
        assertThat(ledger.submissions(sent), is(3L));
    }

    /** Claims the one queued order and executes it to its end. */
    private void runOnce(Dex dex) throws Exception {
        OrderClaims.Claimed claimed = claims.claim("worker", 1, Duration.ofMinutes(1)).getFirst();
        new OrderExecutor(new DexRouter(List.of(dex)), new RetryPolicy(3, Duration.ZERO), metrics)
                .execute(new Claim("worker", events, claimed.order()));
        assertThat("the order left the queue when it ended", claims.depth(), is(0L));
    }

    private Dex dex(FaultModel faults) {
        return MockDex.raydium(MockDex.Timings.INSTANT, faults, PriceDrift.none(), RANDOM, ledger);
    }

    private static long count(String name, String... tags) {
        return Metrics.globalRegistry().counter(name, Metrics.tags(tags)).orElseThrow().count();
    }

    private static OrderRequest request() {
        return new OrderRequest("SOL", "USDC", BigDecimal.TEN, new BigDecimal("0.5"), Optional.empty());
    }
}
