package io.orderstream.clients;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.orderstream.cli.OrderCli;
import io.orderstream.testing.TestGateway;
import io.orderstream.testing.FreePorts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The CLI ({@link OrderCli#run}) in-process against a real gateway, on both gRPC ports: exit
 * statuses, the progress view, {@code --json} lines, and errors.
 */
class CliTest {
    private static final Duration CLI_TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String UUID_PATTERN = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    private static TestGateway gateway;

    @BeforeAll
    static void startGateway() {
        gateway = TestGateway.start(Map.of("orderstream.dex.latency.scale", "0.05"));
    }

    @AfterAll
    static void stopGateway() {
        gateway.close();
    }

    @Test
    void submitWithWatchDrawsEveryStepAndExitsZeroOnConfirmed() {
        Result result = cli(helidon(), "submit", "--token-in", "SOL", "--token-out", "USDC", "--amount", "10",
                            "--slippage", "0.5", "--watch");

        assertThat(result.err, result.code, is(0));
        List<String> lines = result.out.lines().toList();
        assertMatches(lines.getFirst(), UUID_PATTERN);
        for (String step : List.of("pending", "routing", "building", "submitted", "confirmed")) {
            assertThat(result.out, containsString("  " + step + " "));
        }
        assertThat(result.out, containsString("[########################] 100%"));
        assertThat(result.out, containsString("<- chosen"));
        assertThat(result.out, containsString("attempt 1/3"));
        assertMatches(result.out, "(?s).*\\n +tx [1-9A-HJ-NP-Za-km-z]{32,}\\n.*");
    }

    @Test
    void jsonPrintsOneObjectPerEventWithoutGapsOnTheNettyPort() throws IOException {
        Result submitted = cli(netty(), "--json", "submit", "--token-in", "JUP", "--token-out", "USDT",
                               "--amount", "250");
        assertThat(submitted.err, submitted.code, is(0));
        JsonNode response = JSON.readTree(submitted.out);
        String orderId = response.path("orderId").asText();
        assertMatches(orderId, UUID_PATTERN);
        assertThat(response.path("created").asBoolean(), is(true));

        Result watched = cli(netty(), "watch", orderId, "--json");

        assertThat(watched.err, watched.code, is(0));
        List<JsonNode> events = jsonLines(watched.out);
        for (int i = 0; i < events.size(); i++) {
            assertThat(events.get(i).path("seq").asLong(), is(i + 1L));
            assertThat(events.get(i).path("orderId").asText(), is(orderId));
        }
        assertThat(events.stream().map(e -> e.path("status").asText()).distinct().toList(),
                   is(List.of("ORDER_STATUS_PENDING", "ORDER_STATUS_ROUTING", "ORDER_STATUS_BUILDING",
                              "ORDER_STATUS_SUBMITTED", "ORDER_STATUS_CONFIRMED")));
        assertThat(events.stream().anyMatch(e -> e.path("quotes").size() >= 2), is(true));
        JsonNode last = events.getLast();
        assertThat(last.path("progress").asInt(), is(100));
        assertThat(last.path("txSignature").asText(), not(""));
        assertThat(last.path("amountOut").asText(), not(""));
    }

    @Test
    void watchAfterSeqShowsOnlyLaterEvents() throws IOException {
        String orderId = submit(helidon(), "BONK", "SOL", "1000000");
        assertThat(cli(helidon(), "watch", orderId).code, is(0));

        Result resumed = cli(helidon(), "--json", "watch", orderId, "--after-seq", "3");

        assertThat(resumed.err, resumed.code, is(0));
        List<JsonNode> events = jsonLines(resumed.out);
        assertThat(events.getFirst().path("seq").asLong(), is(4L));
        assertThat(events.getLast().path("status").asText(), is("ORDER_STATUS_CONFIRMED"));

        // Nothing after the last seq: the order's own end decides the exit code.
        long last = events.getLast().path("seq").asLong();
        Result nothingNew = cli(helidon(), "watch", orderId, "--after-seq", String.valueOf(last));
        assertThat(nothingNew.err, nothingNew.code, is(0));
    }

    @Test
    void getAndListShowOrders() throws IOException {
        String first = submit(helidon(), "SOL", "USDC", "1");
        assertThat(cli(helidon(), "watch", first).code, is(0));
        String second = submit(netty(), "RAY", "WIF", "3.5");
        assertThat(cli(netty(), "watch", second).code, is(0));

        Result got = cli(helidon(), "get", second, "--json");
        assertThat(got.err, got.code, is(0));
        JsonNode order = JSON.readTree(got.out);
        assertThat(order.path("status").asText(), is("ORDER_STATUS_CONFIRMED"));
        assertThat(order.path("tokenIn").asText(), is("RAY"));
        assertThat(order.path("txSignature").asText(), not(""));

        Result text = cli(helidon(), "get", second);
        assertThat(text.out, containsString("status    confirmed (100%"));
        assertThat(text.out, containsString("swap      3.5 RAY -> WIF"));

        Result page = cli(netty(), "list", "--status", "confirmed", "--page-size", "1", "--json");
        assertThat(page.err, page.code, is(0));
        JsonNode listed = JSON.readTree(page.out);
        assertThat(listed.path("orders").size(), is(1));
        assertThat(listed.path("orders").get(0).path("status").asText(), is("ORDER_STATUS_CONFIRMED"));
        String next = listed.path("nextPageToken").asText();
        assertThat(next, not(""));

        Result table = cli(netty(), "list", "--status", "confirmed", "--page-size", "1", "--page-token", next);
        assertThat(table.err, table.code, is(0));
        assertThat(table.out, containsString("ORDER"));
        assertThat(table.out, containsString("confirmed"));
    }

    @Test
    void failedOrderExitsTwoWithItsReason() {
        try (TestGateway failing = TestGateway.start(Map.of("orderstream.dex.failure.rate", "1"))) {
            Result result = cli(target(failing.port()), "submit", "--token-in", "SOL", "--token-out", "USDC",
                                "--amount", "2", "--watch");

            assertThat(result.err, result.code, is(2));
            assertThat(result.out, containsString("attempt 3/3"));
            assertThat(result.out, containsString("  failed "));
            assertThat(result.out, containsString("reason: Submission failed after 3 attempts"));
        }
    }

    @Test
    void cancelledOrderExitsThree() throws IOException {
        // No worker: orders stay pending, so they can always be cancelled.
        try (TestGateway idle = TestGateway.start(Map.of("orderstream.worker.enabled", "false"))) {
            String orderId = submit(target(idle.grpcPort()), "SOL", "USDC", "5");

            Result cancelled = cli(target(idle.port()), "cancel", orderId);
            assertThat(cancelled.err, cancelled.code, is(0));
            assertThat(cancelled.out, containsString("Cancelled order " + orderId));

            Result watched = cli(target(idle.port()), "watch", orderId);
            assertThat(watched.err, watched.code, is(3));
            assertThat(watched.out, containsString("  cancelled "));

            Result again = cli(target(idle.port()), "cancel", orderId);
            assertThat(again.code, is(1));
            assertThat(again.err, containsString("FAILED_PRECONDITION"));
        }
    }

    @Test
    void errorsExitOneWithAClearMessage() throws IOException {
        Result unknown = cli(helidon(), "watch", "00000000-0000-4000-8000-000000000000");
        assertThat(unknown.code, is(1));
        assertThat(unknown.err, containsString("error: NOT_FOUND"));
        assertThat(unknown.out, is(""));

        Result invalid = cli(netty(), "submit", "--token-in", "SOL", "--token-out", "DOGE", "--amount", "0");
        assertThat(invalid.code, is(1));
        assertThat(invalid.err, containsString("INVALID_ARGUMENT"));
        assertThat(invalid.err, containsString("token_out: "));
        assertThat(invalid.err, containsString("amount: "));

        Result invalidJson = cli(netty(), "--json", "submit", "--token-in", "SOL", "--token-out", "DOGE",
                                 "--amount", "1");
        assertThat(invalidJson.code, is(1));
        assertThat(invalidJson.out, is(""));
        JsonNode status = JSON.readTree(lastLine(invalidJson.err));
        assertThat(status.path("code").asInt(), is(3));
        assertThat(status.path("details").get(0).path("fieldViolations").get(0).path("field").asText(),
                   is("token_out"));

        Result unreachable = cli(target(FreePorts.next()), "get", "00000000-0000-4000-8000-000000000000");
        assertThat(unreachable.code, is(1));
        assertThat(unreachable.err, containsString("UNAVAILABLE"));
        assertThat(unreachable.err, containsString("is the server running?"));
    }

    @Test
    void wrongCommandLinesExitSixtyFour() {
        assertThat(cli().code, is(64));
        assertThat(cli("frobnicate").err, containsString("unknown command 'frobnicate'"));
        Result missing = cli(helidon(), "submit", "--token-in", "SOL", "--amount", "1");
        assertThat(missing.code, is(64));
        assertThat(missing.err, containsString("--token-out is required"));
        Result typo = cli(helidon(), "watch", "x", "--aftr-seq", "2");
        assertThat(typo.code, is(64));
        assertThat(typo.err, containsString("unknown option --aftr-seq"));
        Result negative = cli(helidon(), "watch", "x", "--after-seq", "-1");
        assertThat(negative.code, is(64));
        assertThat(negative.err, containsString("--after-seq must not be negative"));
        Result status = cli(netty(), "list", "--status", "lost");
        assertThat(status.code, is(64));
        assertThat(status.err, containsString("--status must be one of"));
        Result help = cli("--help");
        assertThat(help.code, is(0));
        assertThat(help.out, containsString("exit status: 0 ok"));
    }

    private static String submit(String[] target, String tokenIn, String tokenOut, String amount) {
        Result result = cli(target, "submit", "--token-in", tokenIn, "--token-out", tokenOut, "--amount", amount);
        assertThat(result.err, result.code, is(0));
        String orderId = result.out.strip();
        assertMatches(orderId, UUID_PATTERN);
        return orderId;
    }

    private static void assertMatches(String text, String regex) {
        assertThat("'" + text + "' should match " + regex, Pattern.matches(regex, text), is(true));
    }

    private static String[] helidon() {
        return target(gateway.port());
    }

    private static String[] netty() {
        return target(gateway.grpcPort());
    }

    private static String[] target(int port) {
        return new String[] {"--target", "127.0.0.1:" + port};
    }

    private static Result cli(String[] target, String... args) {
        String[] all = new String[target.length + args.length];
        System.arraycopy(target, 0, all, 0, target.length);
        System.arraycopy(args, 0, all, target.length, args.length);
        return cli(all);
    }

    private static Result cli(String... args) {
        return assertTimeoutPreemptively(CLI_TIMEOUT, () -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code = OrderCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                                    new PrintStream(err, true, StandardCharsets.UTF_8));
            return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        }, () -> "orderstream " + String.join(" ", args) + " did not finish in " + CLI_TIMEOUT);
    }

    private static List<JsonNode> jsonLines(String text) throws IOException {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : text.lines().toList()) {
            nodes.add(JSON.readTree(line));
        }
        assertThat(nodes, not(empty()));
        assertThat(nodes.size(), greaterThanOrEqualTo(1));
        return nodes;
    }

    private static String lastLine(String text) {
        List<String> lines = text.lines().filter(line -> !line.isBlank()).toList();
        return lines.getLast();
    }

    private record Result(int code, String out, String err) {
    }
}
