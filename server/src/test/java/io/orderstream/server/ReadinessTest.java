package io.orderstream.server;

import io.orderstream.testing.RestClient;
import io.orderstream.testing.TestGateway;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/**
 * {@code /observe/health/ready} checks the database (and Redis, see {@code RedisReadinessTest}):
 * an embedded gateway with its database is ready and alive.
 */
class ReadinessTest {
    @Test
    void anEmbeddedGatewayIsReadyWhenItsDatabaseAnswers() throws Exception {
        try (TestGateway gateway = TestGateway.start()) {
            RestClient rest = new RestClient(gateway.http());
            RestClient.Reply ready = rest.get("/observe/health/ready");
            assertThat(ready.text(), ready.status(), is(200));
            assertThat(ready.body().get("status").asText(), is("UP"));
            assertThat(check(ready.body(), "database"), is("UP"));
            assertThat("no Redis, no Redis check", check(ready.body(), "redis"), is("absent"));

            assertThat(rest.get("/observe/health/live").status(), is(200));
            assertThat(rest.get("/observe/health").body().get("status").asText(), is("UP"));
        }
    }

    /**
     * The status of one named check in Helidon's health answer.
     *
     * @param health the answer's JSON
     * @param name   the check
     * @return {@code UP}, {@code DOWN}, or {@code absent}
     */
    static String check(JsonNode health, String name) {
        for (JsonNode check : health.path("checks")) {
            if (check.path("name").asText().equals(name)) {
                return check.path("status").asText();
            }
        }
        return "absent";
    }
}
