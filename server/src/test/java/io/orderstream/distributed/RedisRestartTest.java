package io.orderstream.distributed;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.orderstream.testing.RestClient;
import io.orderstream.testing.Steps;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;

/**
 * Redis stops mid-run and comes back empty. Watchers stay connected and, once the bus is back,
 * get every event they missed from the store; orders the lost queue held are queued again by the
 * worker that recreates it; submits during the outage fail fast with 503; no order is stuck.
 */
class RedisRestartTest {
    private static final int BEFORE = 30;
    private static final int AFTER = 10;

    /**
     * Waits (bounded) until a gateway takes orders again, as a client retrying after 503 does:
     * its Redis connections come back within the client's reconnection interval.
     */
    private static void awaitAccepting(RestClient rest) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        RestClient.Reply reply = rest.postJson("/api/orders/execute", CrossTraffic.ORDER_JSON);
        while (reply.status() == 503 && System.nanoTime() < deadline) {
            Thread.sleep(200);
            reply = rest.postJson("/api/orders/execute", CrossTraffic.ORDER_JSON);
        }
        assertThat("accepting again: " + reply.text(), reply.status(), is(200));
    }

    @Test
    void watchersAndOrdersSurviveARedisRestart() throws Exception {
        try (OwnRedis redis = OwnRedis.start();
                Cluster cluster = Cluster.on(redis.address(), "restart")
                        // About a second per order, so the outage finds orders queued and in flight.
                        .with("ORDERSTREAM_DEX_LATENCY_SCALE", "1")
                        .with("ORDERSTREAM_WORKER_CONCURRENCY", "4")
                        .with("ORDERSTREAM_QUEUE_VISIBILITY_SECONDS", "3")
                        .with("ORDERSTREAM_WORKER_LEASE_SECONDS", "3")) {
            List<Cluster.GatewayNode> gateways = cluster.gateways(2);
            cluster.workers(2);
            try (CrossTraffic traffic = new CrossTraffic(gateways)) {
                List<CrossTraffic.Watch> watches = new ArrayList<>();
                try {
                    for (int i = 0; i < BEFORE; i++) {
                        watches.add(traffic.watch(i, traffic.submit(i)));
                    }
                    redis.kill();

                    long started = System.nanoTime();
                    RestClient.Reply refused = traffic.rest(0).postJson("/api/orders/execute", CrossTraffic.ORDER_JSON);
                    long tookMillis = (System.nanoTime() - started) / 1_000_000;
                    assertThat(refused.text(), refused.status(), is(503));
                    assertThat(refused.contentType(), is("application/problem+json"));
                    assertThat("a submit during the outage answers fast", tookMillis, lessThan(5_000L));

                    redis.restart();
                    for (int at = 0; at < gateways.size(); at++) {
                        awaitAccepting(traffic.rest(at));
                    }
                    for (int i = BEFORE; i < BEFORE + AFTER; i++) {
                        watches.add(traffic.watch(i, traffic.submit(i)));
                    }
                    for (CrossTraffic.Watch watch : watches) {
                        Steps.assertLife(watch.awaitSteps(), "confirmed");
                    }
                } finally {
                    watches.forEach(CrossTraffic.Watch::close);
                }
            }
        }
    }
}
