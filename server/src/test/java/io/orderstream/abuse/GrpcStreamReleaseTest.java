package io.orderstream.abuse;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.ToIntFunction;

import io.orderstream.proto.v1.GetOrderRequest;
import io.orderstream.proto.v1.OrderServiceGrpc;
import io.orderstream.proto.v1.SubmitOrderRequest;
import io.orderstream.testing.GrpcWatcher;
import io.orderstream.testing.Health;
import io.orderstream.testing.RestClient;
import io.orderstream.testing.Steps;
import io.orderstream.testing.TestGateway;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/**
 * A {@code WatchOrder} stream that ends, whether the server completes it after the terminal
 * event or the client cancels it, gives its HTTP/2 stream back: one connection serves many
 * more watches, one after another, than it may hold at once. With a small stream cap, a stream
 * kept after its call ended is refused ({@code REFUSED_STREAM}) after a few more than the cap.
 * Checked on both gRPC ports, each through one grpc-java channel.
 */
class GrpcStreamReleaseTest {
    private static final int STREAM_CAP = 20;
    private static final int CALLS = 5 * STREAM_CAP;
    /*
     * Both ports take at most 50 RST_STREAMs per 10 s on a connection (rapid reset), and every
     * client cancel is one (Helidon counts each cancelled gRPC call as a rapid reset). A smaller
     * cap keeps five times the cap of cancels, and the call after them, within that budget.
     */
    private static final int CANCEL_STREAM_CAP = 9;
    private static final int CANCELS = 5 * CANCEL_STREAM_CAP;
    private static final String ORDER = "{\"tokenIn\":\"SOL\",\"tokenOut\":\"USDC\",\"amount\":1}";

    @Test
    void helidonCompletedWatchesReleaseTheirStreams() throws Exception {
        completedWatchesReleaseTheirStreams(TestGateway::port);
    }

    @Test
    void nettyCompletedWatchesReleaseTheirStreams() throws Exception {
        completedWatchesReleaseTheirStreams(TestGateway::grpcPort);
    }

    @Test
    void helidonCancelledWatchesReleaseTheirStreams() throws Exception {
        cancelledWatchesReleaseTheirStreams(TestGateway::port);
    }

    @Test
    void nettyCancelledWatchesReleaseTheirStreams() throws Exception {
        cancelledWatchesReleaseTheirStreams(TestGateway::grpcPort);
    }

    /** Submit, then watch to the end, one order at a time: every watch ends OK with every event. */
    private static void completedWatchesReleaseTheirStreams(ToIntFunction<TestGateway> port) throws Exception {
        try (TestGateway gateway = TestGateway.start(capped(STREAM_CAP, Map.of()))) {
            ManagedChannel channel = channel(port.applyAsInt(gateway));
            try {
                var stub = OrderServiceGrpc.newBlockingStub(channel);
                for (int i = 0; i < CALLS; i++) {
                    String orderId = stub.withDeadlineAfter(10, TimeUnit.SECONDS)
                            .submitOrder(SubmitOrderRequest.newBuilder()
                                                 .setTokenIn("SOL").setTokenOut("USDC").setAmount("1").build())
                            .getOrderId();
                    GrpcWatcher watcher = GrpcWatcher.watch(channel, orderId, 0);
                    assertThat("watch " + i + " of " + CALLS + " ended", watcher.awaitEnd(), is(Status.OK));
                    Steps.assertLife(watcher.steps(), "confirmed");
                }
                awaitGrpcWatches(new RestClient(gateway.http()), 0);
            } finally {
                channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
        }
    }

    /** Open a watch of a pending order and cancel it, again and again; then the count is 0 and calls go on. */
    private static void cancelledWatchesReleaseTheirStreams(ToIntFunction<TestGateway> port) throws Exception {
        // No worker: the order stays pending, so every watch is open until the client cancels it.
        try (TestGateway gateway = TestGateway.start(capped(CANCEL_STREAM_CAP,
                                                            Map.of("orderstream.worker.enabled", "false")))) {
            RestClient rest = new RestClient(gateway.http());
            String orderId = rest.submit(ORDER);
            ManagedChannel channel = channel(port.applyAsInt(gateway));
            try {
                for (int i = 0; i < CANCELS; i++) {
                    GrpcWatcher watcher = GrpcWatcher.watch(channel, orderId, 0);
                    awaitFirstEvent(watcher, "watch " + i + " of " + CANCELS);
                    watcher.cancel();
                    assertThat(watcher.awaitEnd().getCode(), is(Status.Code.CANCELLED));
                }
                awaitGrpcWatches(rest, 0);

                var stub = OrderServiceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);
                assertThat(stub.getOrder(GetOrderRequest.newBuilder().setOrderId(orderId).build()).getOrderId(),
                           is(orderId));
                GrpcWatcher further = GrpcWatcher.watch(channel, orderId, 0);
                awaitFirstEvent(further, "the watch after " + CANCELS + " cancels");
                further.cancel();
                awaitGrpcWatches(rest, 0);
            } finally {
                channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
        }
    }

    private static Map<String, String> capped(int streamCap, Map<String, String> more) {
        Map<String, String> settings = new HashMap<>(more);
        settings.put("server.protocols.http_2.max-concurrent-streams", Integer.toString(streamCap));
        return settings;
    }

    private static ManagedChannel channel(int port) {
        return ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
    }

    private static void awaitFirstEvent(GrpcWatcher watcher, String what) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (watcher.events().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        if (watcher.events().isEmpty()) {
            // Shows the refusal (e.g. UNAVAILABLE, REFUSED_STREAM) rather than a bare timeout.
            watcher.cancel();
            assertThat(what + " ended with " + watcher.awaitEnd(), watcher.events().isEmpty(), is(false));
        }
    }

    private static void awaitGrpcWatches(RestClient rest, int expected) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (Health.connections(rest).get("grpcWatches").asInt() != expected && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat("grpcWatches", Health.connections(rest).get("grpcWatches").asInt(), is(expected));
    }
}
