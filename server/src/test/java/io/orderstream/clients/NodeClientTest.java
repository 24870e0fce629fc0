package io.orderstream.clients;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.orderstream.testing.TestGateway;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

/**
 * The Node example ({@code clients/node/watch-order.js}, on @grpc/grpc-js) as a separate
 * process against a real gateway, on each of its two gRPC ports.
 */
class NodeClientTest {
    private static TestGateway gateway;
    private static Path node;

    @BeforeAll
    static void setUp() throws Exception {
        node = NodeProject.prepare("clients/node");
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
                List.of("node", "watch-order.js", "--target", "127.0.0.1:" + gateway.port(),
                        "--order-id", "00000000-0000-4000-8000-000000000000"),
                node, Map.of(), Duration.ofSeconds(60), "node-unknown-order");

        assertThat(result.describe(), result.exitCode(), is(1));
        assertThat(result.output(), containsString("error: NOT_FOUND"));
    }

    private static Subprocess.Result watchOrder(int port, String logName) throws Exception {
        return Subprocess.run(List.of("node", "watch-order.js", "--target", "127.0.0.1:" + port,
                                      "--token-in", "WIF", "--token-out", "USDC", "--amount", "42"),
                              node, Map.of(), Duration.ofSeconds(90), logName);
    }
}
