package io.orderstream.distributed;

import java.time.Duration;
import java.util.Map;

import io.orderstream.testing.RestClient;
import io.orderstream.testing.TestGateway;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A gateway on a Redis of the test's own: ready while Redis answers, not ready (503, the Redis
 * check DOWN with its reason) while Redis is stopped, alive all along, and ready again once Redis
 * is back.
 */
class RedisReadinessTest {
    private static final Duration LIMIT = Duration.ofSeconds(20);

    @Test
    void readinessFollowsRedisAndLivenessDoesNot() throws Exception {
        try (OwnRedis redis = OwnRedis.start();
             TestGateway gateway = TestGateway.start(Map.of(
                     "orderstream.redis.address", redis.address(),
                     "orderstream.redis.prefix", "ostest:readiness"))) {
            RestClient rest = new RestClient(gateway.http());
            JsonNode ready = awaitReadiness(rest, 200);
            assertThat(check(ready, "database"), is("UP"));
            assertThat(check(ready, "redis"), is("UP"));

            redis.kill();
            JsonNode notReady = awaitReadiness(rest, 503);
            assertThat(notReady.get("status").asText(), is("DOWN"));
            assertThat(check(notReady, "redis"), is("DOWN"));
            assertThat(check(notReady, "database"), is("UP"));
            assertThat("the reason is given", reason(notReady, "redis").isEmpty(), is(false));
            assertThat("alive while Redis is away", rest.get("/observe/health/live").status(), is(200));

            redis.restart();
            assertThat(check(awaitReadiness(rest, 200), "redis"), is("UP"));
        }
    }

    private static JsonNode awaitReadiness(RestClient rest, int status) throws Exception {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        RestClient.Reply reply;
        do {
            reply = rest.get("/observe/health/ready");
            if (reply.status() == status) {
                return reply.body();
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        return fail("readiness did not become " + status + " within " + LIMIT + "; last: " + reply.status() + " "
                            + reply.text());
    }

    private static String check(JsonNode health, String name) {
        for (JsonNode check : health.path("checks")) {
            if (check.path("name").asText().equals(name)) {
                return check.path("status").asText();
            }
        }
        return "absent";
    }

    private static String reason(JsonNode health, String name) {
        for (JsonNode check : health.path("checks")) {
            if (check.path("name").asText().equals(name)) {
                return check.path("data").path("error").asText();
            }
        }
        return "";
    }
}
