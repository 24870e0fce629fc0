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
 * The Python example ({@code clients/python/watch_order.py}) on Debian's grpcio, as a separate
 * process against a real gateway's Netty gRPC port: it submits an order and watches it to the end.
 */
class PythonClientTest {
    private static final String PYTHON = "/usr/bin/python3";

    @Test
    void watchesAnOrderToConfirmedOverTheNettyPort() throws Exception {
        requirePythonGrpc();
        Path python = Subprocess.repoRoot().resolve("clients/python");
        try (TestGateway gateway = TestGateway.start(Map.of("orderstream.dex.latency.scale", "0.1"))) {
            Subprocess.Result result = Subprocess.run(
                    List.of(PYTHON, "watch_order.py", "--target", "127.0.0.1:" + gateway.grpcPort(),
                            "--token-in", "SOL", "--token-out", "USDC", "--amount", "10"),
                    python, Map.of("PYTHONDONTWRITEBYTECODE", "1"), Duration.ofSeconds(90), "python-watch-order");

            assertThat(result.describe(), result.exitCode(), is(0));
            EventLines.assertConfirmedWithoutGaps(result);
            assertThat(result.output(), containsString("<- chosen"));
            assertThat(result.output(), containsString("ended: confirmed"));
        }
    }

    /** Fails, naming what to install, when Debian's Python gRPC packages are missing. */
    private static void requirePythonGrpc() throws Exception {
        if (!Files.isExecutable(Path.of(PYTHON))) {
            fail(PYTHON + " is missing: apt-get install -y python3 python3-grpcio python3-grpc-tools");
        }
        Subprocess.Result probe = Subprocess.run(List.of(PYTHON, "-c", "import grpc, grpc_tools.protoc"),
                                                 Subprocess.repoRoot(), Map.of(), Duration.ofSeconds(30),
                                                 "python-probe");
        if (probe.exitCode() != 0) {
            fail("Debian's Python gRPC packages are missing: apt-get install -y python3-grpcio python3-grpc-tools\n"
                         + probe.describe());
        }
    }
}
