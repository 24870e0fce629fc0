package io.orderstream.watch;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.orderstream.testing.GrpcWatcher;
import io.orderstream.testing.RestClient;
import io.orderstream.testing.TestGateway;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/**
 * A WatchOrder stream with nothing to say stays open, on both ports, for a client that sends
 * keepalive pings as often as the Netty port permits; the stream still delivers when the order
 * moves again.
 */
class QuietStreamTest {
    @Test
    void quietStreamsWithClientKeepaliveStayOpen() throws Exception {
        try (TestGateway gateway = TestGateway.start(Map.of("orderstream.worker.enabled", "false"))) {
            RestClient rest = new RestClient(gateway.http());
            String orderId = rest.submit("{\"tokenIn\":\"SOL\",\"tokenOut\":\"USDC\",\"amount\":1}");
            ManagedChannel helidon = keepalive(gateway.port());
            ManagedChannel netty = keepalive(gateway.grpcPort());
            try {
                GrpcWatcher onHelidon = GrpcWatcher.watch(helidon, orderId, 0);
                GrpcWatcher onNetty = GrpcWatcher.watch(netty, orderId, 0);
                // Longer than one client keepalive interval, with no event at all.
                Thread.sleep(11_000);
                assertThat(onHelidon.events().size(), is(1));
                assertThat(onNetty.events().size(), is(1));

                rest.post(rest.request("/api/orders/" + orderId + "/cancel")
                                  .POST(java.net.http.HttpRequest.BodyPublishers.noBody()));
                assertThat(onHelidon.awaitEnd().getCode(), is(Status.Code.OK));
                assertThat(onNetty.awaitEnd().getCode(), is(Status.Code.OK));
                assertThat(onHelidon.steps().getLast().type(), is("cancelled"));
                assertThat(onNetty.steps().getLast().type(), is("cancelled"));
            } finally {
                helidon.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
                netty.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
        }
    }

    private static ManagedChannel keepalive(int port) {
        return NettyChannelBuilder.forAddress("127.0.0.1", port)
                .usePlaintext()
                .keepAliveTime(10, TimeUnit.SECONDS)
                .keepAliveTimeout(5, TimeUnit.SECONDS)
                .keepAliveWithoutCalls(true)
                .build();
    }
}
