package io.orderstream.engine;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.random.RandomGenerator;

import io.orderstream.dexsim.FaultModel;
import io.orderstream.dexsim.MockDex;
import io.orderstream.dexsim.PriceDrift;
import io.orderstream.metrics.ExecutionMetrics;
import io.orderstream.order.Order;
import io.orderstream.order.OrderEvent;
import io.orderstream.order.OrderRequest;
import io.orderstream.order.OrderStatus;
import io.orderstream.order.Quote;
import io.orderstream.routing.Dex;
import io.orderstream.routing.DexRouter;
import io.orderstream.routing.Execution;
import io.orderstream.routing.SignedTransaction;
import io.orderstream.routing.TimedDex;
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
import static org.hamcrest.Matchers.comparesEqualTo;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The engine with zero delays: routing, slippage, retries and lifecycle, on a real (in-memory)
 * database.
 */
class OrderExecutorTest {
    private static final RandomGenerator RANDOM = RandomGenerator.of("L64X128MixRandom");

    private OrderStore store;
    private OrderClaims claims;
    private EventLog events;
    private ExecutionMetrics metrics;
    private TestDesk desk;
    private TestEngine engine;

    @BeforeEach
    void openDatabase() {
        engine = TestEngine.open("engine");
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
    void picksTheBestAmountOutAfterFeesNotTheBestPrice() throws Exception {
        // "pricey" quotes 1 % more per SOL but charges 1 %; "lean" quotes 0.5 % less and charges 0.2 %.
        Dex pricey = dex("pricey", 100, 1.0, FaultModel.none(), PriceDrift.none());
        Dex lean = dex("lean", 20, 0.995, FaultModel.none(), PriceDrift.none());
        Order order = execute(List.of(pricey, lean), "10", "0.5", 3);

        assertThat(order.status(), is(OrderStatus.CONFIRMED));
        assertThat(order.chosenDex(), is(Optional.of("lean")));
        // 10 SOL × 150 × 0.995 × (1 − 0.002)
        assertThat(order.amountOut().orElseThrow(), comparesEqualTo(new BigDecimal("1489.515")));
        OrderEvent routed = history(order).stream().filter(e -> e.details().quotes() != null).findFirst().orElseThrow();
        assertThat(routed.details().quotes().stream().map(q -> q.dex()).toList(), contains("lean", "pricey"));
    }

    @Test
    void minimumAmountOutFollowsSlippage() {
        assertThat(Quote.minAmountOut(new BigDecimal("1000"), new BigDecimal("0.5")),
                   comparesEqualTo(new BigDecimal("995")));
        assertThat(Quote.minAmountOut(new BigDecimal("1.000000001"), new BigDecimal("50")),
                   comparesEqualTo(new BigDecimal("0.5")));
        assertThat(Quote.minAmountOut(new BigDecimal("1000"), BigDecimal.ZERO),
                   comparesEqualTo(new BigDecimal("1000")));
    }

    @Test
    void priceWorseThanTheBoundFailsAsSlippageExceeded() throws Exception {
        Dex drifting = dex("raydium", 25, 1.0, FaultModel.none(), PriceDrift.fixed(-0.02));
        Order order = execute(List.of(drifting), "10", "1", 3);

        assertThat(order.status(), is(OrderStatus.FAILED));
        assertThat(order.failureReason().orElseThrow(), containsString("Slippage exceeded"));
        OrderEvent failed = history(order).getLast();
        assertThat(failed.details().executionPrice().compareTo(new BigDecimal("147")) < 0, is(true));
        assertThat(count("orderstream.orders.failed", "reason", "slippage"), is(1L));
        assertThat(count("orderstream.orders.failed", "reason", "dex_error"), is(0L));
    }

    @Test
    void transientFailuresAreRetriedEachAttemptItsOwnEvent() throws Exception {
        Dex flaky = dex("raydium", 25, 1.0, FaultModel.failFirst(2), PriceDrift.none());
        Order order = execute(List.of(flaky), "1", "0.5", 3);

        assertThat(order.status(), is(OrderStatus.CONFIRMED));
        List<OrderEvent> submissions = history(order).stream()
                .filter(e -> e.status() == OrderStatus.SUBMITTED).toList();
        assertThat(submissions.stream().map(e -> e.details().attempt()).toList(), contains(1, 2, 3));
        assertThat(submissions.get(1).message(), containsString("attempt 2/3"));
        assertThat(submissions.get(1).message(), containsString(FaultModel.REASONS[0]));
        assertThat(count("orderstream.submission.attempts"), is(3L));
        assertThat(count("orderstream.submission.retries"), is(2L));
        assertThat(count("orderstream.orders.confirmed"), is(1L));
    }

    @Test
    void aDexThatAlwaysFailsEndsTheOrderAfterThreeAttempts() throws Exception {
        Dex broken = dex("raydium", 25, 1.0, FaultModel.failFirst(Integer.MAX_VALUE), PriceDrift.none());
        Order order = execute(List.of(broken), "1", "0.5", 3);

        assertThat(order.status(), is(OrderStatus.FAILED));
        assertThat(order.failureReason().orElseThrow(),
                   is("Submission failed after 3 attempts: " + FaultModel.REASONS[0]));
        assertThat(history(order).stream().filter(e -> e.status() == OrderStatus.SUBMITTED).count(), is(3L));
        assertThat(count("orderstream.orders.failed", "reason", "dex_error"), is(1L));
        assertThat(count("orderstream.orders.confirmed"), is(0L));
    }

    @Test
    void lifecycleRunsInOrderWithContiguousSeqsAndRisingProgress() throws Exception {
        Order order = execute(List.of(dex("raydium", 25, 1.0, FaultModel.none(), PriceDrift.none()),
                                      dex("meteora", 20, 0.99, FaultModel.none(), PriceDrift.none())),
                              "3", "0.5", 3);
        List<OrderEvent> history = history(order);
        assertThat(history.stream().map(OrderEvent::status).toList(), contains(
                OrderStatus.PENDING, OrderStatus.ROUTING, OrderStatus.ROUTING, OrderStatus.BUILDING,
                OrderStatus.BUILDING, OrderStatus.SUBMITTED, OrderStatus.CONFIRMED));
        for (int i = 0; i < history.size(); i++) {
            assertThat(history.get(i).seq(), is(i + 1L));
            if (i > 0) {
                assertThat(history.get(i).progress() >= history.get(i - 1).progress(), is(true));
            }
        }
        assertThat(history.getLast().progress(), is(100));
        assertThat(order.txSignature().orElseThrow(), is(history.getLast().details().txSignature()));
    }

    @Test
    void aCancelledOrderIsNotExecuted() throws Exception {
        Order created = desk.submit(request("1", "0.5"));
        desk.cancel(created.id());
        assertTrue(claims.claim("worker", 1, Duration.ofMinutes(1)).isEmpty(), "a cancelled order is not queued");
        Claim stale = new Claim("worker", events, created);
        executor(List.of(dex("raydium", 25, 1.0, FaultModel.none(), PriceDrift.none())), 3)
                .execute(stale);
        Order order = store.find(created.id()).orElseThrow();
        assertThat(order.status(), is(OrderStatus.CANCELLED));
        assertThat(order.lastSeq(), is(2L));
    }

    @Test
    void anOrderCancelledWhileItRoutesIsNeverSent() throws Exception {
        Dex chain = dex("raydium", 25, 1.0, FaultModel.none(), PriceDrift.none());
        AtomicInteger sent = new AtomicInteger();
        AtomicReference<String> orderId = new AtomicReference<>();
        // The client cancels while quotes are fetched: the routing and building steps the
        // execution queues meanwhile are refused, and so is the attempt that would send.
        Dex cancelledMidway = new ForwardingDex(chain) {
            @Override
            public Quote quote(String tokenIn, String tokenOut, BigDecimal amount) throws InterruptedException {
                desk.cancel(orderId.get());
                return chain.quote(tokenIn, tokenOut, amount);
            }

            @Override
            public Execution submit(SignedTransaction transaction) throws InterruptedException {
                sent.incrementAndGet();
                return chain.submit(transaction);
            }
        };
        Order created = desk.submit(request("1", "0.5"));
        orderId.set(created.id());
        OrderClaims.Claimed claimed = claims.claim("worker", 1, Duration.ofMinutes(1)).getFirst();
        executor(List.of(cancelledMidway), 3).execute(new Claim("worker", events, claimed.order()));

        assertThat("nothing sent for a cancelled order", sent.get(), is(0));
        List<OrderEvent> history = history(store.find(created.id()).orElseThrow());
        assertThat(history.getLast().status(), is(OrderStatus.CANCELLED));
        assertThat(history.stream().filter(e -> e.status() == OrderStatus.BUILDING
                || e.status() == OrderStatus.SUBMITTED).count(), is(0L));
        for (int i = 0; i < history.size(); i++) {
            assertThat(history.get(i).seq(), is(i + 1L));
        }
    }

    @Test
    void aSubmissionThatTimesOutIsLookedUpNotSentAgain() throws Exception {
        Dex chain = dex("raydium", 25, 1.0, FaultModel.none(), PriceDrift.none());
        AtomicInteger sent = new AtomicInteger();
        // The transaction lands, but the reply to the first send never comes back.
        Dex lostReply = new ForwardingDex(chain) {
            @Override
            public Execution submit(SignedTransaction transaction) throws InterruptedException {
                Execution landed = chain.submit(transaction);
                if (sent.incrementAndGet() == 1) {
                    Thread.sleep(Duration.ofSeconds(30));
                }
                return landed;
            }
        };
        Order order = execute(List.of(new TimedDex(lostReply, Duration.ofMillis(200))), "1", "0.5", 3);

        assertThat(order.status(), is(OrderStatus.CONFIRMED));
        assertThat("sent once, then looked up", sent.get(), is(1));
        assertThat(history(order).stream().filter(e -> e.status() == OrderStatus.SUBMITTED).count(), is(1L));
        assertThat(count("orderstream.submission.attempts"), is(1L));
        assertThat(count("orderstream.orders.confirmed"), is(1L));
    }

    @Test
    void backoffDoublesAfterEachFailedAttempt() {
        RetryPolicy retry = new RetryPolicy(4, Duration.ofMillis(100));
        assertThat(retry.backoffAfter(1), is(Duration.ofMillis(100)));
        assertThat(retry.backoffAfter(2), is(Duration.ofMillis(200)));
        assertThat(retry.backoffAfter(3), is(Duration.ofMillis(400)));
    }

    private Order execute(List<Dex> dexes, String amount, String slippage, int attempts) throws Exception {
        Order created = desk.submit(request(amount, slippage));
        OrderClaims.Claimed claimed = claims.claim("worker", 1, Duration.ofMinutes(1)).getFirst();
        executor(dexes, attempts).execute(new Claim("worker", events, claimed.order()));
        assertThat("the order left the queue when it ended", claims.depth(), is(0L));
        return store.find(created.id()).orElseThrow();
    }

    private OrderExecutor executor(List<Dex> dexes, int attempts) {
        return new OrderExecutor(new DexRouter(dexes), new RetryPolicy(attempts, Duration.ZERO), metrics);
    }

    /** A counter of the executions' meters, as /observe/metrics would show it. */
    private static long count(String name, String... tags) {
        return Metrics.globalRegistry().counter(name, Metrics.tags(tags)).orElseThrow().count();
    }

    private List<OrderEvent> history(Order order) {
        return store.eventsAfter(order.id(), 0);
    }

    private static OrderRequest request(String amount, String slippage) {
        return new OrderRequest("SOL", "USDC", new BigDecimal(amount), new BigDecimal(slippage), Optional.empty());
    }

    private static Dex dex(String name, int feeBps, double priceFactor, FaultModel faults, PriceDrift drift) {
        return new MockDex(name, feeBps, priceFactor, 0, MockDex.Timings.INSTANT, faults, drift, RANDOM);
    }
}
