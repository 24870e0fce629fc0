package io.orderstream.clients;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.orderstream.testing.TestGateway;
import io.orderstream.testing.Tokens;
import io.orderstream.testing.FreePorts;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The console page at {@code /}, in headless Chromium, against a real gateway:
 * {@code clients/browser-test/console-test.js} uses it as a person would and checks it with
 * axe-core at desktop and phone widths. Its screenshots land in {@code server/target/browser-test/}.
 */
class BrowserConsoleTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path OUTPUT = Subprocess.repoRoot().resolve("server/target/browser-test");

    /**
     * In {@code none} mode, through a relay the script cuts: orders placed from the form, a
     * dropped socket resumed without a missing or repeated step, the orders listed from the
     * server after a reload, and an outage: the countdown to the next try, cards marked as
     * possibly out of date, a failed submit in plain words, and the catch-up afterwards.
     */
    @Test
    void placesOrdersAndRidesOutAnOutage() throws Exception {
        int relayPort = FreePorts.next();
        // Scale 4: about five seconds from pending to confirmed, time enough to cut the socket mid-order.
        // The page comes through the relay, whose origin the gateway must allow for WebSockets.
        try (TestGateway gateway = TestGateway.start(Map.of(
                "orderstream.dex.latency.scale", "4",
                "orderstream.cors.origins", "http://127.0.0.1:" + relayPort))) {
            Instant start = Instant.now();
            Subprocess.Result result = console(gateway, "live", Map.of("RELAY_PORT", String.valueOf(relayPort)));

            assertThat(result.describe(), result.exitCode(), is(0));
            assertThat(result.output(), containsString("resumed from seq"));
            assertThat(result.output(), containsString("countdown seen"));
            assertScreenshot("console.png", start);
            assertScreenshot("console-mobile.png", start);
            assertScreenshot("console-outage.png", start);
        }
    }

    /**
     * In {@code jwt} mode: the page asks for a token, refuses a wrong one with the server's reason,
     * lists the token's orders a page at a time (not another subject's), follows a new order over
     * the authenticated socket, and keeps the token out of every URL.
     */
    @Test
    void asksForATokenAndListsItsOrders(@TempDir Path dir) throws Exception {
        Map<String, String> config = new HashMap<>(Tokens.jwtMode(dir));
        config.put("orderstream.dex.latency.scale", "1");
        try (TestGateway gateway = TestGateway.start(config)) {
            Instant start = Instant.now();
            Subprocess.Result result = console(gateway, "token", Map.of(
                    "TEST_TOKEN", Tokens.token("alice", "orders:read", "orders:write"),
                    "OTHER_TOKEN", Tokens.token("bob", "orders:read", "orders:write")));

            assertThat(result.describe(), result.exitCode(), is(0));
            assertThat(result.output(), containsString("Signed in as alice"));
            assertScreenshot("console-token.png", start);
            assertScreenshot("console-token-mobile.png", start);
        }
    }

    private static Subprocess.Result console(TestGateway gateway, String scenario, Map<String, String> env)
            throws Exception {
        if (!Files.isExecutable(CHROMIUM)) {
            fail(CHROMIUM + " is missing: apt-get install -y chromium");
        }
        Path browserTest = NodeProject.prepare("clients/browser-test");
        Map<String, String> environment = new HashMap<>(env);
        environment.put("CHROMIUM", CHROMIUM.toString());
        environment.put("TEST_TIMEOUT_MS", "170000");
        return Subprocess.run(List.of("node", "console-test.js", gateway.http(), OUTPUT.toString(), scenario),
                              browserTest, environment, Duration.ofSeconds(200), "browser-console-" + scenario);
    }

    /** A loopback port free now, for the script's relay (which listens on it moments later). */

    private static void assertScreenshot(String name, Instant start) throws Exception {
        Path screenshot = OUTPUT.resolve(name);
        assertThat(screenshot + " is missing", Files.isRegularFile(screenshot), is(true));
        assertThat(screenshot + " is from an earlier run",
                   Files.getLastModifiedTime(screenshot).toInstant().isBefore(start), is(false));
        assertThat(screenshot + " is nearly empty", Files.size(screenshot) > 10_000, is(true));
    }
}
