package io.orderstream.grpc;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.orderstream.testing.LogCapture;
import io.orderstream.testing.TestGateway;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A gRPC client on gRPC's C core (Debian's python3-grpcio) calling the Helidon port is refused by
 * Helidon's HTTP/2 decoder (a literal {@code :path} name): the client reads UNAVAILABLE, and the
 * server's log says once — not once per refusal — which port such clients must use. Nothing else in
 * this JVM's tests sends a C-core client to the Helidon port, so the once-a-minute line is this
 * test's to see.
 */
class CoreClientRefusalLogTest {
    private static final String PYTHON = "/usr/bin/python3";
    private static final int CALLS = 4;
    // Each call on a channel of its own, so each is a new connection Helidon refuses.
    private static final String CLIENT = """
            import sys, grpc
            for _ in range(int(sys.argv[2])):
                with grpc.insecure_channel(sys.argv[1]) as channel:
                    check = channel.unary_unary('/grpc.health.v1.Health/Check')
                    try:
                        check(b'', timeout=10)
                        print('OK')
                    except grpc.RpcError as e:
                        print(e.code().name, e.details())
            """;

    @Test
    void refusalsOnTheHelidonPortLogOneLineNamingTheNettyPort() throws Exception {
        try (TestGateway gateway = TestGateway.start(); LogCapture log = LogCapture.start()) {
            List<String> answers = python("127.0.0.1:" + gateway.port());
            assertThat(answers, hasSize(CALLS));
            assertThat("Helidon refuses every call from the C core", answers, everyItem(containsString("UNAVAILABLE")));

            List<String> lines = log.records().stream().filter(line -> line.contains("literal header name")).toList();
            assertThat("one line for " + CALLS + " refusals: " + log.records(), lines, hasSize(1));
            assertThat(lines.getFirst(), containsString("must use the Netty gRPC port " + gateway.grpcPort()));
            assertThat("Helidon's own DEBUG record stays out of an INFO log",
                       log.records().stream().anyMatch(line -> line.contains("Intentional HTTP/2 exception")), is(false));

            List<String> netty = python("127.0.0.1:" + gateway.grpcPort());
            assertThat("the port the line names answers the same client", netty, everyItem(containsString("OK")));
        }
    }

    private static List<String> python(String target) throws Exception {
        if (!Files.isExecutable(Path.of(PYTHON))) {
            fail(PYTHON + " is missing: apt-get install -y python3 python3-grpcio");
        }
        Process process = new ProcessBuilder(PYTHON, "-c", CLIENT, target, String.valueOf(CALLS))
                .redirectErrorStream(true)
                .start();
        process.getOutputStream().close();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("the Python client did not end within 60 s");
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (output.contains("No module named 'grpc'")) {
            fail("Debian's Python gRPC is missing: apt-get install -y python3-grpcio\n" + output);
        }
        // Only the answers: the C core may warn on stderr too.
        return output.lines().filter(line -> line.matches("[A-Z_]+( .*)?")).toList();
    }
}
