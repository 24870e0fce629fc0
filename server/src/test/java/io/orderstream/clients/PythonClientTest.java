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
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The Python package ({@code clients/python}) as its users get it: the wheel is built from the
 * repository (its stubs generated from orders.proto as it builds), installed into a fresh venv on
 * Debian's grpcio, and its {@code orderstream-watch} example run as a separate process against a
 * real gateway's Netty gRPC port: it submits an order and watches it to the end, decodes a refused
 * order's field violations, and sends a token to a gateway in {@code jwt} mode.
 */
class PythonClientTest {
    private static final String PYTHON = "/usr/bin/python3";
    private static final Pattern SUBMITTED = Pattern.compile("submitted order (\\S+)");

    @TempDir
    static Path work;
    private static Path example;
    private static TestGateway gateway;

    @BeforeAll
    static void installThePackage() throws Exception {
        requirePythonPackaging();
        Path wheels = work.resolve("wheels");
        Subprocess.Result built = Subprocess.run(
                List.of(PYTHON, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-cache-dir",
                        "-w", wheels.toString(), "."),
                Subprocess.repoRoot().resolve("clients/python"), Map.of("PIP_NO_INPUT", "1"),
                Duration.ofMinutes(3), "python-wheel");
        assertThat(built.describe(), built.exitCode(), is(0));
        Path wheel = onlyWheel(wheels);

        // A venv that sees Debian's grpcio and protobuf, and nothing of the repository.
        Path venv = work.resolve("venv");
        Subprocess.Result created = Subprocess.run(List.of(PYTHON, "-m", "venv", "--system-site-packages",
                                                           venv.toString()),
                                                   work, Map.of(), Duration.ofMinutes(2), "python-venv");
        assertThat(created.describe(), created.exitCode(), is(0));
        Subprocess.Result installed = Subprocess.run(
                List.of(venv.resolve("bin/python").toString(), "-m", "pip", "install", "--no-deps", "--no-index",
                        wheel.toString()),
                work, Map.of("PIP_NO_INPUT", "1"), Duration.ofMinutes(2), "python-install");
        assertThat(installed.describe(), installed.exitCode(), is(0));
        example = venv.resolve("bin/orderstream-watch");
        gateway = TestGateway.start(Map.of("orderstream.dex.latency.scale", "0.1"));
    }

    @AfterAll
    static void stopGateway() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void watchesAnOrderToConfirmedOverTheNettyPort() throws Exception {
        Subprocess.Result result = watchOrder(List.of("--target", "127.0.0.1:" + gateway.grpcPort(),
                                                      "--token-in", "SOL", "--token-out", "USDC", "--amount", "10"),
                                              "", "python-watch-order");

        assertThat(result.describe(), result.exitCode(), is(0));
        EventLines.assertConfirmedWithoutGaps(result);
        assertThat(result.output(), containsString("<- chosen"));
        assertThat(result.output(), containsString("ended: confirmed"));
    }

    @Test
    void aRefusedOrderIsDecodedToItsFieldViolations() throws Exception {
        Subprocess.Result result = watchOrder(List.of("--target", "127.0.0.1:" + gateway.grpcPort(),
                                                      "--token-in", "SOL", "--token-out", "DOGE", "--amount", "0"),
                                              "", "python-bad-request");

        assertThat(result.describe(), result.exitCode(), is(1));
        assertThat(result.output(), containsString("error: SubmitOrder: INVALID_ARGUMENT: "));
        assertThat(result.output(), containsString("\n  token_out: unknown token 'DOGE'"));
        assertThat(result.output(), containsString("\n  amount: "));
        assertThat(result.output(), not(containsString("Traceback")));
    }

    @Test
    void sendsItsTokenToAGatewayInJwtMode(@TempDir Path dir) throws Exception {
        Map<String, String> config = new HashMap<>(Tokens.jwtMode(dir));
        config.put("orderstream.dex.latency.scale", "0.1");
        try (TestGateway secured = TestGateway.start(config)) {
            String target = "127.0.0.1:" + secured.grpcPort();
            String token = Tokens.token("alice", "orders:read", "orders:write");
            Subprocess.Result submitted = watchOrder(List.of("--target", target, "--token", token, "--token-in", "JUP",
                                                             "--token-out", "USDC", "--amount", "5"),
                                                     "", "python-jwt-token-option");
            assertThat(submitted.describe(), submitted.exitCode(), is(0));
            EventLines.assertConfirmedWithoutGaps(submitted);
            Matcher orderId = SUBMITTED.matcher(submitted.output());
            assertThat(submitted.describe(), orderId.find(), is(true));

            // The same order watched again, the token from the environment.
            Subprocess.Result watched = watchOrder(List.of("--target", target, "--order-id", orderId.group(1)),
                                                   token, "python-jwt-token-variable");
            assertThat(watched.describe(), watched.exitCode(), is(0));
            EventLines.assertConfirmedWithoutGaps(watched);

            Subprocess.Result refused = watchOrder(List.of("--target", target, "--order-id", orderId.group(1)),
                                                   "", "python-jwt-no-token");
            assertThat(refused.describe(), refused.exitCode(), is(1));
            assertThat(refused.output(), containsString("UNAUTHENTICATED"));
            assertThat(refused.output(), containsString("--token or the ORDERSTREAM_TOKEN"));
        }
    }

    private static Subprocess.Result watchOrder(List<String> args, String token, String logName) throws Exception {
        List<String> command = Stream.concat(Stream.of(example.toString()), args.stream()).toList();
        // Run from the temporary directory: nothing of the repository is on the example's path.
        return Subprocess.run(command, work, Map.of("PYTHONDONTWRITEBYTECODE", "1", "ORDERSTREAM_TOKEN", token),
                              Duration.ofSeconds(90), logName);
    }

    private static Path onlyWheel(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> wheels = files.filter(file -> file.toString().endsWith(".whl")).toList();
            assertThat("one wheel in " + dir + ": " + wheels, wheels.size(), is(1));
            return wheels.getFirst();
        }
    }

    /** Fails, naming what to install, when Debian's Python gRPC or packaging tools are missing. */
    private static void requirePythonPackaging() throws Exception {
        String packages = "python3-grpcio python3-grpc-tools python3-pip python3-setuptools python3-wheel python3-venv";
        if (!Files.isExecutable(Path.of(PYTHON))) {
            fail(PYTHON + " is missing: apt-get install -y python3 " + packages);
        }
        Subprocess.Result probe = Subprocess.run(
                List.of(PYTHON, "-c", "import setuptools, wheel, pip, ensurepip, venv, grpc, grpc_tools.protoc"),
                Subprocess.repoRoot(), Map.of(), Duration.ofSeconds(30), "python-probe");
        if (probe.exitCode() != 0) {
            fail("Debian's Python gRPC or packaging tools are missing: apt-get install -y " + packages + "\n"
                         + probe.describe());
        }
    }
}
