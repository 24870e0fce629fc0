package io.orderstream.distributed;

import java.util.ArrayList;
import java.util.List;

import io.orderstream.testing.Health;
import io.orderstream.testing.RestClient;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;

/**
 * A gateway process holds as many Redis connections with 1,000 watchers (order WebSockets and
 * gRPC streams over 250 orders) as with one: the connections named after its prefix and pid
 * in {@code CLIENT LIST}.
 */
class ConnectionCountTest {
    private static final int ORDERS = 250;
    private static final int WATCHERS = 1000;

    @Test
    void connectionsDoNotGrowWithWatchers() throws Exception {
        // No workers: the orders stay pending, so their watches stay open.
        try (Cluster cluster = Cluster.on(Cluster.SHARED_REDIS, "conns")) {
            Cluster.GatewayNode gateway = cluster.gateways(1).getFirst();
            String clientName = cluster.prefix() + ":" + gateway.process().pid();
            try (CrossTraffic traffic = new CrossTraffic(List.of(gateway))) {
                RestClient rest = traffic.rest(0);
                List<String> orderIds = new ArrayList<>();
                for (int i = 0; i < ORDERS; i++) {
                    orderIds.add(rest.submit(CrossTraffic.ORDER_JSON));
                }
                List<CrossTraffic.Watch> watches = new ArrayList<>();
                try {
                    watches.add(traffic.grpc(0, orderIds.getFirst()));
                    awaitWatches(rest, 1);
                    long withOne = RedisClients.count(cluster.redisAddress(), clientName);
                    assertThat("connections named " + clientName, withOne, is(greaterThan(0L)));

                    for (int i = 1; i < WATCHERS; i++) {
                        String orderId = orderIds.get(i % ORDERS);
                        watches.add(i % 2 == 0 ? traffic.socket(0, orderId) : traffic.grpc(0, orderId));
                    }
                    awaitWatches(rest, WATCHERS);
                    long withThousand = RedisClients.count(cluster.redisAddress(), clientName);
                    System.out.println("Redis connections of the gateway: " + withOne + " with 1 watcher, "
                                               + withThousand + " with " + WATCHERS);
                    assertThat("Redis connections with " + WATCHERS + " watchers (" + withOne + " with one)",
                               withThousand, is(withOne));
                } finally {
                    watches.forEach(CrossTraffic.Watch::close);
                }
            }
        }
    }

    /** Waits (bounded) until the gateway counts that many watches, then asserts it. */
    private static void awaitWatches(RestClient rest, int expected) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        int watching = 0;
        while (System.nanoTime() < deadline) {
            JsonNode connections = Health.connections(rest);
            watching = connections.get("orderSockets").asInt() + connections.get("grpcWatches").asInt();
            if (watching >= expected) {
                break;
            }
            Thread.sleep(100);
        }
        assertThat("watches on the gateway", watching, is(expected));
    }
}
