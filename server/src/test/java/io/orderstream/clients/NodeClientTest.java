package io.orderstream.clients;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.orderstream.testing.TestGateway;
import io.orderstream.testing.Tokens;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

/**
 * The TypeScript package ({@code clients/node}, {@code @orderstream/client} on @grpc/grpc-js) as
 * its users get it: {@code npm pack} builds it (types generated from orders.proto, then tsc), the
 * tarball is installed into a fresh project, and the package's example, copied beside it, runs as
 * a separate process against a real gateway: on each of its two gRPC ports, with a refused order
 * decoded to its field violations, in {@code none} mode and, with a token, in {@code jwt} mode.
 */
class NodeClientTest {
    private static final Pattern SUBMITTED = Pattern.compile("submitted order (\\S+)");
    private static final String EXAMPLE = "watch-order.mjs";
    @TempDir
    static Path work;
    private static TestGateway gateway;
    private static Path node;

    @BeforeAll
    static void setUp() throws Exception {
        Path project = NodeProject.prepare("clients/node");
        Path tarballs = Files.createDirectories(work.resolve("packed"));
        Subprocess.Result packed = Subprocess.run(
                List.of("npm", "pack", "--pack-destination", tarballs.toString()), project, Map.of(),
                Duration.ofMinutes(3), "npm-pack-client");
        assertThat(packed.describe(), packed.exitCode(), is(0));
        Path tarball = onlyTarball(tarballs);

        // A project of a user's: nothing but the tarball and its dependencies (from npm's cache when there).
        node = Files.createDirectories(work.resolve("app"));
        Files.writeString(node.resolve("package.json"), "{\"name\": \"app\", \"private\": true}\n");
        Subprocess.Result installed = Subprocess.run(
                List.of("npm", "install", "--no-audit", "--no-fund", "--prefer-offline", tarball.toString()), node,
                Map.of(), Duration.ofMinutes(3), "npm-install-client");
        assertThat(installed.describe(), installed.exitCode(), is(0));
        Files.copy(node.resolve("node_modules/@orderstream/client/examples/" + EXAMPLE), node.resolve(EXAMPLE));
        gateway = TestGateway.start(Map.of("orderstream.dex.latency.scale", "0.1"));
    }

    @AfterAll
    static void stopGateway() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void watchesAnOrderToConfirmedOverHelidonsPort() throws Exception {
        Subprocess.Result result = watchOrder(gateway.port(), "node-watch-order-helidon");

        assertThat(result.describe(), result.exitCode(), is(0));
        EventLines.assertConfirmedWithoutGaps(result);
        assertThat(result.output(), containsString("<- chosen"));
        assertThat(result.output(), containsString("ended: confirmed"));
    }

    @Test
    void watchesAnOrderToConfirmedOverTheNettyPort() throws Exception {
        Subprocess.Result result = watchOrder(gateway.grpcPort(), "node-watch-order-netty");

        assertThat(result.describe(), result.exitCode(), is(0));
        EventLines.assertConfirmedWithoutGaps(result);
        assertThat(result.output(), containsString("ended: confirmed"));
    }

    @Test
    void reportsAnUnknownOrderAndExitsOne() throws Exception {
        Subprocess.Result result = Subprocess.run(
                List.of("node", EXAMPLE, "--target", "127.0.0.1:" + gateway.port(),
                        "--order-id", "00000000-0000-4000-8000-000000000000"),
                node, environment(""), Duration.ofSeconds(60), "node-unknown-order");

        assertThat(result.describe(), result.exitCode(), is(1));
        assertThat(result.output(), containsString("error: WatchOrder: NOT_FOUND"));
    }

    @Test
    void aRefusedOrderIsDecodedToItsFieldViolations() throws Exception {
        Subprocess.Result result = Subprocess.run(
                List.of("node", EXAMPLE, "--target", "127.0.0.1:" + gateway.grpcPort(), "--token-in", "SOL",
                        "--token-out", "DOGE", "--amount", "0"),
                node, environment(""), Duration.ofSeconds(60), "node-bad-request");

        assertThat(result.describe(), result.exitCode(), is(1));
        assertThat(result.output(), containsString("error: SubmitOrder: INVALID_ARGUMENT: "));
        assertThat(result.output(), containsString("\n  token_out: unknown token 'DOGE'"));
        assertThat(result.output(), containsString("\n  amount: "));
        assertThat(result.output(), not(containsString("    at ")));
    }

    @Test
    void sendsItsTokenToAGatewayInJwtMode(@TempDir Path dir) throws Exception {
        Map<String, String> config = new HashMap<>(Tokens.jwtMode(dir));
        config.put("orderstream.dex.latency.scale", "0.1");
        try (TestGateway secured = TestGateway.start(config)) {
            String token = Tokens.token("alice", "orders:read", "orders:write");
            Subprocess.Result submitted = Subprocess.run(
                    List.of("node", EXAMPLE, "--target", "127.0.0.1:" + secured.port(), "--token", token,
                            "--token-in", "RAY", "--token-out", "USDC", "--amount", "7"),
                    node, environment(""), Duration.ofSeconds(90), "node-jwt-token-option");
            assertThat(submitted.describe(), submitted.exitCode(), is(0));
            EventLines.assertConfirmedWithoutGaps(submitted);
            Matcher orderId = SUBMITTED.matcher(submitted.output());
            assertThat(submitted.describe(), orderId.find(), is(true));

            // The same order watched again on the Netty port, the token from the environment.
            Subprocess.Result watched = Subprocess.run(
                    List.of("node", EXAMPLE, "--target", "127.0.0.1:" + secured.grpcPort(),
                            "--order-id", orderId.group(1)),
                    node, environment(token), Duration.ofSeconds(90), "node-jwt-token-variable");
            assertThat(watched.describe(), watched.exitCode(), is(0));
            EventLines.assertConfirmedWithoutGaps(watched);

            Subprocess.Result refused = Subprocess.run(
                    List.of("node", EXAMPLE, "--target", "127.0.0.1:" + secured.port(),
                            "--order-id", orderId.group(1)),
                    node, environment(""), Duration.ofSeconds(60), "node-jwt-no-token");
            assertThat(refused.describe(), refused.exitCode(), is(1));
            assertThat(refused.output(), containsString("UNAUTHENTICATED"));
            assertThat(refused.output(), containsString("--token or the ORDERSTREAM_TOKEN"));
        }
    }

    private static Subprocess.Result watchOrder(int port, String logName) throws Exception {
        return Subprocess.run(List.of("node", EXAMPLE, "--target", "127.0.0.1:" + port,
                                      "--token-in", "WIF", "--token-out", "USDC", "--amount", "42"),
                              node, environment(""), Duration.ofSeconds(90), logName);
    }

    private static Path onlyTarball(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> tarballs = files.filter(file -> file.toString().endsWith(".tgz")).toList();
            assertThat("one tarball in " + dir + ": " + tarballs, tarballs.size(), is(1));
            return tarballs.getFirst();
        }
    }

    /** The script's environment: {@code ORDERSTREAM_TOKEN} as given, whatever the test's own is. */
    private static Map<String, String> environment(String token) {
        return Map.of("ORDERSTREAM_TOKEN", token);
    }
}
