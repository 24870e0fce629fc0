package io.orderstream.clients;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.orderstream.testing.TestGateway;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The console page at {@code /}, in headless Chromium, against a real gateway whose mock DEXs
 * are slow enough that an order takes a few seconds: {@code clients/browser-test/console-test.js}
 * places orders from the form, drops the page's WebSocket mid-order and checks that the page
 * resumed without a missing or repeated step. Its screenshots land in
 * {@code server/target/browser-test/}.
 */
class BrowserConsoleTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @Test
    void placesOrdersAndResumesAfterTheSocketDrops() throws Exception {
        if (!Files.isExecutable(CHROMIUM)) {
            fail(CHROMIUM + " is missing: apt-get install -y chromium");
        }
        Path browserTest = NodeProject.prepare("clients/browser-test");
        Path screenshot = Subprocess.repoRoot().resolve("server/target/browser-test/console.png");
        // Scale 4: about five seconds from pending to confirmed, time enough to drop the socket mid-order.
        try (TestGateway gateway = TestGateway.start(Map.of("orderstream.dex.latency.scale", "4"))) {
            Subprocess.Result result = Subprocess.run(
                    List.of("node", "console-test.js", gateway.http(), screenshot.toString()),
                    browserTest, Map.of("CHROMIUM", CHROMIUM.toString(), "TEST_TIMEOUT_MS", "150000"),
                    Duration.ofSeconds(180), "browser-console-test");

            assertThat(result.describe(), result.exitCode(), is(0));
            assertThat(result.output(), containsString("resumed from seq"));
            assertThat(result.describe(), Files.size(screenshot) > 10_000, is(true));
        }
    }
}
