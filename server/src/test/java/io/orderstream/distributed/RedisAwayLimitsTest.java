package io.orderstream.distributed;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.orderstream.redis.RedisSettings;
import io.orderstream.testing.RestClient;
import io.orderstream.testing.TestGateway;
import io.orderstream.testing.Tokens;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redisson.api.RedissonClient;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A distributed gateway whose Redis goes away keeps limiting submits with buckets of its own, and
 * goes on taking orders; once Redis is back the buckets are kept there again (each caller's bucket
 * is a key under the gateway's prefix).
 */
class RedisAwayLimitsTest {
    private static final String PREFIX = "ostest:limits-away";
    private static final Duration BACK = Duration.ofSeconds(20);

    @TempDir
    static Path dir;

    @Test
    void whileRedisIsAwaySubmitsAreLimitedByTheGatewaysOwnBuckets() throws Exception {
        Map<String, String> config = new HashMap<>(Tokens.jwtMode(dir));
        config.put("orderstream.worker.enabled", "false");
        config.put("orderstream.limits.submit.rate", "0.1");
        config.put("orderstream.limits.submit.burst", "2");
        config.put("orderstream.redis.prefix", PREFIX);
        try (OwnRedis redis = OwnRedis.start()) {
            config.put("orderstream.redis.address", redis.address());
            try (TestGateway gateway = TestGateway.start(config)) {
                RestClient rest = new RestClient(gateway.http());
                // The client connects on first use: until then a submit may be limited here.
                awaitBucketsInRedis(rest, redis);

                redis.kill();
                String bob = "bob-" + UUID.randomUUID();
                assertThat(submit(rest, bob).status(), is(200));
                assertThat(submit(rest, bob).status(), is(200));
                RestClient.Reply refused = submit(rest, bob);
                assertThat(refused.text(), refused.status(), is(429));
                assertThat(refused.headers().firstValue("Retry-After").isPresent(), is(true));

                redis.restart();
                awaitBucketsInRedis(rest, redis);
            }
        }
    }

    /** Submits as new subjects until one's bucket is found in Redis. */
    private static void awaitBucketsInRedis(RestClient rest, OwnRedis redis) throws Exception {
        long deadline = System.nanoTime() + BACK.toNanos();
        while (System.nanoTime() < deadline) {
            String subject = "carol-" + UUID.randomUUID();
            assertThat(submit(rest, subject).status(), is(200));
            if (inRedis(redis, subject)) {
                return;
            }
            Thread.sleep(200);
        }
        fail("The submit buckets were not kept in Redis within " + BACK);
    }

    private static boolean inRedis(OwnRedis redis, String subject) {
        RedissonClient client = new RedisSettings(redis.address(), Optional.empty(), PREFIX, Duration.ofSeconds(2), 2)
                .connect("ostest_limits_away");
        try {
            return client.getKeys().countExists(PREFIX + ":limits:submit:subject:" + subject) == 1;
        } finally {
            client.shutdown();
        }
    }

    private static RestClient.Reply submit(RestClient rest, String subject) throws Exception {
        return rest.post(rest.request("/api/orders/execute")
                                 .header("Authorization", "Bearer " + Tokens.token(subject, "orders:write"))
                                 .header("Content-Type", "application/json")
                                 .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                                         "{\"tokenIn\":\"SOL\",\"tokenOut\":\"USDC\",\"amount\":1,\"slippage\":1}")));
    }
}
