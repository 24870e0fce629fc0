package io.orderstream.distributed;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.orderstream.proto.v1.OrderServiceGrpc;
import io.orderstream.proto.v1.SubmitOrderRequest;
import io.orderstream.testing.GrpcWatcher;
import io.orderstream.testing.RestClient;
import io.orderstream.testing.Steps;
import io.orderstream.testing.WsRecorder;

import com.fasterxml.jackson.databind.JsonNode;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/**
 * Clients of several gateways: order {@code i} is submitted on one gateway, over REST or gRPC,
 * and watched on the next, over a WebSocket or gRPC {@code WatchOrder}, so every order crosses
 * processes between its submission and its watcher.
 */
final class CrossTraffic implements AutoCloseable {
    static final String ORDER_JSON = "{\"tokenIn\":\"SOL\",\"tokenOut\":\"USDC\",\"amount\":10,\"slippage\":0.5}";

    private final List<Cluster.GatewayNode> gateways;
    private final List<RestClient> rest = new ArrayList<>();
    private final List<ManagedChannel> channels = new ArrayList<>();

    CrossTraffic(List<Cluster.GatewayNode> gateways) {
        this.gateways = gateways;
        for (Cluster.GatewayNode gateway : gateways) {
            rest.add(new RestClient(gateway.http()));
            channels.add(ManagedChannelBuilder.forAddress("127.0.0.1", gateway.port()).usePlaintext().build());
        }
    }

    /** One watcher, whichever face it uses. */
    interface Watch extends AutoCloseable {
        /**
         * Waits (bounded) for the stream to end and answers what it carried.
         *
         * @return the events as steps
         */
        List<Steps.Step> awaitSteps() throws Exception;

        @Override
        void close();
    }

    /**
     * Submits order {@code i}: on gateway {@code i mod n}, over REST for even {@code i / n}, else gRPC.
     *
     * @param i the order's number
     * @return its id
     */
    String submit(int i) throws Exception {
        int at = i % gateways.size();
        if ((i / gateways.size()) % 2 == 0) {
            return rest.get(at).submit(ORDER_JSON);
        }
        return OrderServiceGrpc.newBlockingStub(channels.get(at)).withDeadlineAfter(10, TimeUnit.SECONDS)
                .submitOrder(SubmitOrderRequest.newBuilder().setTokenIn("SOL").setTokenOut("USDC").setAmount("10")
                                     .setSlippage("0.5").build())
                .getOrderId();
    }

    /**
     * Watches order {@code i} on the gateway after the one it was submitted on: a WebSocket for
     * every third order, gRPC for the others.
     *
     * @param i       the order's number
     * @param orderId its id
     * @return the watch
     */
    Watch watch(int i, String orderId) {
        int at = (i + 1) % gateways.size();
        if (i % 3 == 0) {
            return socket(at, orderId);
        }
        return grpc(at, orderId);
    }

    /**
     * A WebSocket watch of an order on a gateway.
     *
     * @param at      the gateway's index
     * @param orderId the order
     * @return the watch
     */
    Watch socket(int at, String orderId) {
        WsRecorder recorder = WsRecorder.connect(rest.get(at).http(),
                                                 gateways.get(at).ws() + "/api/orders/status/" + orderId);
        return new Watch() {
            @Override
            public List<Steps.Step> awaitSteps() throws Exception {
                List<JsonNode> messages = recorder.drainUntilClosed();
                assertThat("close of order socket " + orderId, recorder.awaitClose().code(), is(1000));
                return messages.stream()
                        .filter(message -> message.has("seq"))
                        .map(event -> new Steps.Step(event.get("seq").asLong(), event.get("type").asText(),
                                                     event.get("progress").asInt()))
                        .toList();
            }

            @Override
            public void close() {
                recorder.close();
            }
        };
    }

    /**
     * A gRPC watch of an order on a gateway.
     *
     * @param at      the gateway's index
     * @param orderId the order
     * @return the watch
     */
    Watch grpc(int at, String orderId) {
        GrpcWatcher watcher = GrpcWatcher.watch(channels.get(at), orderId, 0);
        return new Watch() {
            @Override
            public List<Steps.Step> awaitSteps() throws Exception {
                Status status = watcher.awaitEnd();
                assertThat("end of WatchOrder " + orderId + ": " + status, status.isOk(), is(true));
                return watcher.steps();
            }

            @Override
            public void close() {
                watcher.cancel();
            }
        };
    }

    /**
     * REST client of a gateway.
     *
     * @param at the gateway's index
     * @return client
     */
    RestClient rest(int at) {
        return rest.get(at);
    }

    /**
     * gRPC channel to a gateway's Helidon port.
     *
     * @param at the gateway's index
     * @return channel
     */
    ManagedChannel channel(int at) {
        return channels.get(at);
    }

    @Override
    public void close() throws InterruptedException {
        for (ManagedChannel channel : channels) {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}
