package io.orderstream.distributed;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import io.orderstream.testing.RestClient;
import io.orderstream.testing.Steps;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.in;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

/**
 * A worker process holding orders is killed (SIGKILL) mid-run: the other worker takes its
 * orders over once their claims lapse, every order reaches exactly one terminal state, and
 * no transaction is sent to a DEX more often than the attempts its order recorded. The mock
 * DEXs' ledger lives in Redis here, so submissions are counted across processes.
 */
class WorkerKilledTest {
    private static final int ORDERS = 100;
    private static final Set<String> TERMINAL = Set.of("confirmed", "failed");

    @Test
    void everyOrderEndsOnceAndNoTransactionIsSentTwicePerAttempt() throws Exception {
        try (Cluster cluster = Cluster.on(Cluster.SHARED_REDIS, "killed")
                .with("ORDERSTREAM_DEX_LATENCY_SCALE", "1")
                .with("ORDERSTREAM_DEX_FAILURE_RATE", "0.1")
                // A dead worker's claims hold its orders this long; every DEX call is far shorter.
                .with("ORDERSTREAM_WORKER_CLAIM_MILLIS", "3000")
                .with("ORDERSTREAM_DEX_TIMEOUT_MILLIS", "2000")) {
            List<Cluster.GatewayNode> gateways = cluster.gateways(1);
            List<NodeProcess> workers = cluster.workers(2);
            try (CrossTraffic traffic = new CrossTraffic(gateways)) {
                List<String> orderIds = new ArrayList<>();
                List<CrossTraffic.Watch> watches = new ArrayList<>();
                // The kill comes while orders are still being submitted, as soon as the worker holds some.
                // On a thread of its own: the common pool (one thread on two cores) also completes
                // the HTTP client's WebSocket handshakes, which this wait must not hold up.
                CompletableFuture<Void> killed = CompletableFuture.runAsync(() -> {
                    try {
                        awaitHolding(cluster, workers.getFirst());
                        workers.getFirst().kill();
                    } catch (Exception e) {
                        throw new CompletionException(e);
                    }
                }, runnable -> Thread.ofVirtual().name("killer").start(runnable));
                try {
                    for (int i = 0; i < ORDERS; i++) {
                        String orderId = traffic.submit(i);
                        orderIds.add(orderId);
                        watches.add(traffic.watch(i, orderId));
                    }
                    killed.get(60, TimeUnit.SECONDS);
                    assertThat("killed " + workers.getFirst(), workers.getFirst().isAlive(), is(false));

                    for (CrossTraffic.Watch watch : watches) {
                        List<Steps.Step> steps = watch.awaitSteps();
                        assertThat(steps.getLast().type(), is(in(TERMINAL)));
                        Steps.assertLife(steps, steps.getLast().type());
                    }
                } finally {
                    watches.forEach(CrossTraffic.Watch::close);
                }
                assertThat("the surviving worker took orders over: " + workers.get(1),
                           workers.get(1).awaitLog("Took over order", 10_000), is(true));
                RedissonClient redis = cluster.redisClient("ostest_killed_check");
                try {
                    for (String orderId : orderIds) {
                        assertStoredLife(traffic.rest(0), redis, cluster.prefix(), orderId);
                    }
                } finally {
                    redis.shutdown();
                }
            }
        }
    }

    /** The stored history: one terminal event, last; each DEX submission matched by an attempt. */
    private static void assertStoredLife(RestClient rest, RedissonClient redis, String prefix, String orderId)
            throws Exception {
        JsonNode events = rest.get("/api/orders/" + orderId + "/events?afterSeq=0").body().get("events");
        List<Steps.Step> steps = new ArrayList<>();
        int attempts = 0;
        String signature = null;
        for (JsonNode event : events) {
            steps.add(new Steps.Step(event.get("seq").asLong(), event.get("type").asText(), event.get("progress").asInt()));
            if (event.get("type").asText().equals("submitted")) {
                attempts++;
            }
            if (event.has("txSignature")) {
                signature = event.get("txSignature").asText();
            }
        }
        String terminal = steps.getLast().type();
        Steps.assertLife(steps, terminal);
        long sent = 0;
        if (signature != null) {
            for (String dex : List.of("raydium", "meteora")) {
                sent += redis.getAtomicLong(prefix + ":dex:" + dex + ":submissions:" + signature).get();
            }
        }
        assertThat("DEX submissions of " + orderId + " (" + attempts + " attempts)", sent,
                   is(lessThanOrEqualTo((long) attempts)));
        if (terminal.equals("confirmed")) {
            assertThat("a confirmed order was sent: " + orderId, sent, is(greaterThanOrEqualTo(1L)));
        }
    }

    /** Waits (bounded) until the worker holds claims on some orders. */
    private static void awaitHolding(Cluster cluster, NodeProcess worker) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        long held = 0;
        while (System.nanoTime() < deadline) {
            held = cluster.schema().claimsHeldBy(worker);
            if (held >= 3) {
                return;
            }
            Thread.sleep(20);
        }
        assertThat("orders held by " + worker, held, is(greaterThanOrEqualTo(3L)));
    }
}
