package io.orderstream.clients;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import io.orderstream.cli.OrderCli;
import io.orderstream.testing.TestGateway;
import io.orderstream.testing.Tokens;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The CLI against a gateway in {@code jwt} mode: {@code --token} sends the token with every call,
 * on both gRPC ports; without one the CLI says how to give it.
 */
class CliAuthTest {
    @TempDir
    static Path dir;
    private static TestGateway gateway;

    @BeforeAll
    static void start() {
        gateway = TestGateway.start(Tokens.jwtMode(dir));
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void withATokenEveryCommandWorksOnBothPorts() {
        String alice = Tokens.token("alice", "orders:read", "orders:write");
        for (int port : new int[] {gateway.port(), gateway.grpcPort()}) {
            Result submitted = cli("--target", "127.0.0.1:" + port, "--token", alice, "submit", "--token-in", "SOL",
                                   "--token-out", "USDC", "--amount", "3", "--watch");
            assertThat(submitted.err, submitted.code, is(0));
            String orderId = submitted.out.lines().findFirst().orElseThrow();

            Result got = cli("--target", "127.0.0.1:" + port, "--token", alice, "get", orderId);
            Result bobs = cli("--target", "127.0.0.1:" + port, "--token", Tokens.token("bob", "orders:read"),
                              "get", orderId);

            assertThat(got.err, got.code, is(0));
            assertThat(got.out, containsString(orderId));
            assertThat(bobs.code, is(1));
            assertThat(bobs.err, containsString("NOT_FOUND"));
        }
    }

    @Test
    void withoutATokenItSaysHowToGiveOne() {
        Result listed = cli("--target", "127.0.0.1:" + gateway.grpcPort(), "list");

        assertThat(listed.code, is(1));
        assertThat(listed.err, containsString("UNAUTHENTICATED"));
        assertThat(listed.err, containsString("--token"));
        assertThat(listed.err, containsString(OrderCli.TOKEN_VARIABLE));
    }

    private static Result cli(String... args) {
        return assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code = OrderCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                                    new PrintStream(err, true, StandardCharsets.UTF_8));
            return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        });
    }

    private record Result(int code, String out, String err) {
    }
}
