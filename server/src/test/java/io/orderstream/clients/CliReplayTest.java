package io.orderstream.clients;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.orderstream.cli.OrderCli;
import io.orderstream.testing.TestGateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The CLI's dead-letter commands ({@link OrderCli#run}) in-process against real gateways on one
 * database: an order fails on a gateway whose DEXs refuse every submission, is listed by its
 * failure code, and is replayed to its end on a gateway whose DEXs work.
 */
class CliReplayTest {
    private static final Duration CLI_TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aFailedOrderIsListedByItsCodeAndReplayedToItsEnd() throws IOException {
        Map<String, String> database = Map.of("orderstream.db.url", "jdbc:h2:mem:cli-replay-" + UUID.randomUUID()
                + ";DB_CLOSE_DELAY=-1;DATABASE_TO_LOWER=TRUE");
        Map<String, String> failing = new HashMap<>(database);
        failing.put("orderstream.dex.failure.rate", "1");
        String orderId;
        try (TestGateway broken = TestGateway.start(failing)) {
            Result submitted = cli(broken.port(), "submit", "--token-in", "SOL", "--token-out", "USDC", "--amount",
                                   "2", "--watch");
            assertThat(submitted.err, submitted.code, is(2));
            orderId = submitted.out.lines().findFirst().orElseThrow();

            Result listed = cli(broken.grpcPort(), "list", "--status", "failed", "--failure-code", "dex_error");
            assertThat(listed.err, listed.code, is(0));
            assertThat(listed.out, containsString(orderId));
            Result timeouts = cli(broken.grpcPort(), "list", "--failure-code", "timeout");
            assertThat(timeouts.out, not(containsString(orderId)));
            assertThat(cli(broken.port(), "get", orderId).out, containsString("code      dex_error"));
            Result unknown = cli(broken.port(), "list", "--failure-code", "gremlins");
            assertThat(unknown.code, is(64));
            assertThat(unknown.err, containsString("--failure-code must be one of"));
        }

        try (TestGateway working = TestGateway.start(database)) {
            Result replayed = cli(working.port(), "replay", orderId, "--watch");

            assertThat(replayed.err, replayed.code, is(0));
            assertThat(replayed.out, containsString("Replayed order " + orderId));
            assertThat(replayed.out, containsString(" pending    Order replayed by an administrator"));
            assertThat(replayed.out, containsString(" confirmed  Order executed on "));
            assertThat("the new execution only", replayed.out, not(containsString("reason: Submission failed")));

            // The whole history holds the first execution's failure; the order's end decides.
            Result watched = cli(working.grpcPort(), "--json", "watch", orderId);
            assertThat(watched.err, watched.code, is(0));
            List<JsonNode> events = watched.out.lines().map(CliReplayTest::json).toList();
            for (int i = 0; i < events.size(); i++) {
                assertThat(events.get(i).path("seq").asLong(), is(i + 1L));
            }
            assertThat(events.stream().filter(e -> e.path("status").asText().equals("ORDER_STATUS_FAILED")).count(),
                       is(1L));
            assertThat(events.getLast().path("status").asText(), is("ORDER_STATUS_CONFIRMED"));

            Result again = cli(working.grpcPort(), "replay", orderId);
            assertThat(again.code, is(1));
            assertThat(again.err, containsString("FAILED_PRECONDITION"));
            assertThat(again.err, containsString("only failed orders can be replayed"));
        }
    }

    private static JsonNode json(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new AssertionError("Not a JSON line: " + line, e);
        }
    }

    private static Result cli(int port, String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--target";
        all[1] = "127.0.0.1:" + port;
        System.arraycopy(args, 0, all, 2, args.length);
        return assertTimeoutPreemptively(CLI_TIMEOUT, () -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code = OrderCli.run(all, new PrintStream(out, true, StandardCharsets.UTF_8),
                                    new PrintStream(err, true, StandardCharsets.UTF_8));
            return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        }, () -> "orderstream " + String.join(" ", all) + " did not finish in " + CLI_TIMEOUT);
    }

    private record Result(int code, String out, String err) {
    }
}
