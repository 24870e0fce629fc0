package io.orderstream.distributed;

import java.util.ArrayList;
import java.util.List;

import io.orderstream.testing.Steps;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.lessThan;

/**
 * Redis stops mid-run and comes back empty. Redis carries only wake-up hints and live fan-out,
 * so nothing durable is lost: submits during the outage are accepted at once, workers find the
 * orders by polling the database, watchers stay connected and, once the bus is back, get every
 * event they missed from the store; no order is stuck.
 */
class RedisRestartTest {
    private static final int BEFORE = 30;
    private static final int DURING = 10;
    private static final int AFTER = 10;

    @Test
    void watchersAndOrdersSurviveARedisRestart() throws Exception {
        try (OwnRedis redis = OwnRedis.start();
                Cluster cluster = Cluster.on(redis.address(), "restart")
                        // About a second per order, so the outage finds orders queued and in flight.
                        .with("ORDERSTREAM_DEX_LATENCY_SCALE", "1")
                        .with("ORDERSTREAM_WORKER_CONCURRENCY", "4")
                        .with("ORDERSTREAM_WORKER_CLAIM_MILLIS", "3000")
                        .with("ORDERSTREAM_DEX_TIMEOUT_MILLIS", "2000")) {
            List<Cluster.GatewayNode> gateways = cluster.gateways(2);
            cluster.workers(2);
            try (CrossTraffic traffic = new CrossTraffic(gateways)) {
                List<CrossTraffic.Watch> watches = new ArrayList<>();
                try {
                    for (int i = 0; i < BEFORE; i++) {
                        watches.add(traffic.watch(i, traffic.submit(i)));
                    }
                    redis.kill();

                    for (int i = BEFORE; i < BEFORE + DURING; i++) {
                        long started = System.nanoTime();
                        String orderId = traffic.submit(i);
                        long tookMillis = (System.nanoTime() - started) / 1_000_000;
                        assertThat("a submit during the outage is accepted at once", tookMillis, lessThan(2_000L));
                        watches.add(traffic.watch(i, orderId));
                    }

                    redis.restart();
                    for (int i = BEFORE + DURING; i < BEFORE + DURING + AFTER; i++) {
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
