package io.orderstream.testing;

import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/**
 * Reads the live counts of {@code GET /health}.
 */
public final class Health {
    private Health() {
    }

    /**
     * The connection counts now.
     *
     * @param rest client of the gateway
     * @return {@code connections} object
     */
    public static JsonNode connections(RestClient rest) throws Exception {
        return rest.get("/health").body().get("connections");
    }

    /**
     * Waits (up to {@code within}) for every connection count to be zero, then asserts it, so a
     * failure shows which count stayed up.
     *
     * @param rest   client of the gateway
     * @param within how long clean-up may take
     */
    public static void assertAllZero(RestClient rest, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        JsonNode counts = connections(rest);
        while (!allZero(counts) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            counts = connections(rest);
        }
        for (Map.Entry<String, JsonNode> count : counts.properties()) {
            assertThat(count.getKey() + " in " + counts, count.getValue().asInt(), is(0));
        }
    }

    private static boolean allZero(JsonNode counts) {
        for (JsonNode count : counts) {
            if (count.asInt() != 0) {
                return false;
            }
        }
        return true;
    }
}
