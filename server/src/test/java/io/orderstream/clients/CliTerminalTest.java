package io.orderstream.clients;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.orderstream.testing.TestGateway;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The CLI as people start it, {@code clients/bin/orderstream} (the launcher, its JDK lookup and
 * its AppCDS archive), as a separate process: on a pseudo-terminal made by {@code script}
 * (util-linux) it draws the watched order's bar in place and ends with a line saying how the
 * order ended; into a file it writes one plain line per event, without terminal controls.
 */
class CliTerminalTest {
    /** What the bar's redraw starts with: back to the line's start, then erase the line. */
    private static final String REDRAW = "\r\033[2K";
    private static final Pattern SEQ_LINE = Pattern.compile("(?m)^#(\\d+) +(\\w+) ");
    private static TestGateway gateway;

    @BeforeAll
    static void start() {
        gateway = TestGateway.start(Map.of("orderstream.dex.latency.scale", "0.1"));
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void onATerminalTheBarIsRedrawnInPlaceAndTheLastLineSaysHowTheOrderEnded() throws Exception {
        requireScript();
        String command = String.join(" ", launcher().toString(), "--target", "127.0.0.1:" + gateway.port(),
                                     "submit", "--token-in", "SOL", "--token-out", "USDC", "--amount", "4", "--watch");
        Subprocess.Result result = Subprocess.run(List.of("script", "-qec", command, "/dev/null"),
                                                  Subprocess.repoRoot(), environment(), Duration.ofSeconds(90),
                                                  "cli-terminal");

        assertThat(result.describe(), result.exitCode(), is(0));
        // The terminal turns each newline into CR LF; what is left of the CRs are the redraws.
        String screen = result.output().replace("\r\n", "\n");
        List<String> steps = new ArrayList<>();
        Matcher seqLines = SEQ_LINE.matcher(screen.replace(REDRAW, "\n"));
        while (seqLines.find()) {
            steps.add(seqLines.group(2));
        }
        assertThat(result.describe(), steps.stream().distinct().toList(),
                   is(List.of("pending", "routing", "building", "submitted", "confirmed")));
        assertThat(result.describe(), count(screen, REDRAW), is(steps.size() - 1));
        assertThat(result.describe(), screen, containsString(REDRAW + "#" + steps.size() + " "));
        assertThat(result.describe(), screen, containsString("[########################] 100%  confirmed\n"));
        List<String> lines = screen.lines().filter(line -> !line.isBlank()).toList();
        assertThat(result.describe(), lines.getLast(),
                   matchesPattern("order [0-9a-f-]{36} confirmed: amount out [0-9.]+ on (raydium|meteora)"));
    }

    @Test
    void intoAFileEachEventIsOneLineWithoutTerminalControls() throws Exception {
        Subprocess.Result result = Subprocess.run(
                List.of(launcher().toString(), "--target", "127.0.0.1:" + gateway.grpcPort(), "submit",
                        "--token-in", "JUP", "--token-out", "USDT", "--amount", "30", "--watch"),
                Subprocess.repoRoot(), environment(), Duration.ofSeconds(90), "cli-file");

        assertThat(result.describe(), result.exitCode(), is(0));
        assertThat(result.describe(), result.output(), not(containsString("\033")));
        assertThat(result.describe(), result.output(), not(containsString("\r")));
        assertThat(result.describe(), result.output(), containsString("[########################] 100%  #"));
        assertThat(result.describe(), result.output().lines().filter(line -> line.startsWith("[")).count(),
                   greaterThanOrEqualTo(5L));
    }

    private static Path launcher() {
        Path launcher = Subprocess.repoRoot().resolve("clients/bin/orderstream");
        if (!Files.isRegularFile(Subprocess.repoRoot().resolve("clients/target/orderstream-clients.jar"))) {
            fail("clients/target/orderstream-clients.jar is missing: the clients module builds it before the server's tests");
        }
        return launcher;
    }

    /** The JDK this test runs on for the launcher; no token from the test's own environment. */
    private static Map<String, String> environment() {
        return Map.of("JAVA_HOME", System.getProperty("java.home"), "ORDERSTREAM_TOKEN", "", "TERM", "xterm");
    }

    private static void requireScript() throws Exception {
        Subprocess.Result probe = Subprocess.run(List.of("script", "--version"), Subprocess.repoRoot(), Map.of(),
                                                 Duration.ofSeconds(30), "script-version");
        if (probe.exitCode() != 0) {
            fail("util-linux's script is needed for a pseudo-terminal: apt-get install -y bsdutils\n"
                         + probe.describe());
        }
    }

    private static int count(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
            count++;
        }
        return count;
    }
}
