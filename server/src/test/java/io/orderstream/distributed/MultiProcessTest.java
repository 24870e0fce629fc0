package io.orderstream.distributed;

import java.util.ArrayList;
import java.util.List;

import io.orderstream.testing.Steps;

import org.junit.jupiter.api.Test;

/**
 * Two gateway processes without workers and two worker processes on one Redis and one
 * PostgreSQL: orders submitted on either gateway, over REST and gRPC, are executed by the
 * workers and watched to the end on the other gateway, over WebSockets and gRPC.
 */
class MultiProcessTest {
    private static final int ORDERS = 200;

    @Test
    void everyOrderCompletesAndEveryWatcherOnTheOtherGatewaySeesItsWholeLife() throws Exception {
        try (Cluster cluster = Cluster.on(Cluster.SHARED_REDIS, "multi")) {
            List<Cluster.GatewayNode> gateways = cluster.gateways(2);
            cluster.workers(2);
            try (CrossTraffic traffic = new CrossTraffic(gateways)) {
                List<CrossTraffic.Watch> watches = new ArrayList<>();
                try {
                    for (int i = 0; i < ORDERS; i++) {
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
