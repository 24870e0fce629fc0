package io.orderstream.distributed;

import java.util.List;
import java.util.UUID;

import io.orderstream.testing.RestClient;
import io.orderstream.testing.Tokens;

import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;

/**
 * Two gateway processes in {@code jwt} mode on one Redis (under a key prefix of this test's own)
 * keep one submit bucket per subject between them: a subject that spreads its submits over both
 * gets one burst, not one per gateway, while another subject keeps its own.
 */
class SharedSubmitRateTest {
    private static final String ORDER = "{\"tokenIn\":\"SOL\",\"tokenOut\":\"USDC\",\"amount\":10,\"slippage\":0.5}";

    @Test
    void aSubjectsSubmitsOnEitherGatewayTakeFromOneBucketInRedis() throws Exception {
        try (Cluster cluster = Cluster.on(Cluster.SHARED_REDIS, "limits")
                .with("ORDERSTREAM_AUTH_MODE", "jwt")
                .with("ORDERSTREAM_AUTH_JWT_SECRET", Tokens.SECRET)
                .with("ORDERSTREAM_AUTH_JWT_ISSUER", Tokens.ISSUER)
                .with("ORDERSTREAM_AUTH_JWT_AUDIENCE", Tokens.AUDIENCE)
                .with("ORDERSTREAM_LIMITS_SUBMIT_RATE", "0.1")
                .with("ORDERSTREAM_LIMITS_SUBMIT_BURST", "4")) {
            List<Cluster.GatewayNode> gateways = cluster.gateways(2);
            RestClient first = new RestClient(gateways.get(0).http());
            RestClient second = new RestClient(gateways.get(1).http());
            String alice = "alice-" + UUID.randomUUID();

            assertThat(submit(first, alice).status(), is(200));
            assertThat(submit(second, alice).status(), is(200));
            assertThat(submit(first, alice).status(), is(200));
            assertThat(submit(second, alice).status(), is(200));

            for (RestClient gateway : List.of(first, second)) {
                RestClient.Reply refused = submit(gateway, alice);
                assertThat(refused.text(), refused.status(), is(429));
                assertThat(Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow()),
                           greaterThan(0L));
            }
            assertThat("another subject has a bucket of its own", submit(second, "bob-" + UUID.randomUUID())
                    .status(), is(200));

            RedissonClient redis = cluster.redisClient("ostest_limits");
            try {
                assertThat("the bucket is kept under the cluster's prefix",
                           redis.getKeys().countExists(cluster.prefix() + ":limits:submit:subject:" + alice), is(1L));
            } finally {
                redis.shutdown();
            }
        }
    }

    private static RestClient.Reply submit(RestClient gateway, String subject) throws Exception {
        return gateway.post(gateway.request("/api/orders/execute")
                                    .header("Authorization", "Bearer " + Tokens.token(subject, "orders:write"))
                                    .header("Content-Type", "application/json")
                                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(ORDER)));
    }
}
