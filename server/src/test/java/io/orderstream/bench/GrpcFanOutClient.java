package io.orderstream.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.orderstream.proto.v1.CancelOrderRequest;
import io.orderstream.proto.v1.OrderServiceGrpc;
import io.orderstream.proto.v1.SubmitOrderRequest;
import io.orderstream.testing.Channels;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.StatusRuntimeException;

/**
 * The gRPC face for the fan-out mode: {@code SubmitOrder}, then {@code WatchOrder} streams over a
 * few grpc-java channels per gateway, to its Helidon port, its Netty port, or half to each.
 */
final class GrpcFanOutClient implements FanOutClient {
    /** Most streams on one channel: half of what a gateway allows on one HTTP/2 connection on either port. */
    static final int STREAMS_PER_CHANNEL = 500;
    /** Fewest channels to each port used of each gateway. */
    static final int LEAST_CHANNELS_PER_PORT = 2;
    private static final SubmitOrderRequest ORDER = SubmitOrderRequest.newBuilder()
            .setTokenIn("SOL").setTokenOut("USDC").setAmount("1").setSlippage("1").build();

    private final List<ManagedChannel> channels = new ArrayList<>();
    private final Duration watchDeadline;

    /**
     * Opens the channels.
     *
     * @param gateways      where to submit (the first, on the first of its ports used) and watch (all)
     * @param watchers      watchers of a round, which decides how many channels there are
     * @param ports         which gRPC ports of each gateway the streams use
     * @param watchDeadline the deadline of each {@code WatchOrder} call
     */
    GrpcFanOutClient(List<Endpoint> gateways, int watchers, GrpcPorts ports, Duration watchDeadline) {
        this.watchDeadline = watchDeadline;
        int portsUsed = gateways.size() * ports.of(gateways.getFirst()).size();
        int perPort = Math.max(LEAST_CHANNELS_PER_PORT, Math.ceilDiv(watchers, portsUsed * STREAMS_PER_CHANNEL));
        // Ordered so that watcher n, on channel n modulo their count, takes the ports and the
        // gateways in turn.
        for (int i = 0; i < perPort; i++) {
            for (Endpoint gateway : gateways) {
                for (int port : ports.of(gateway)) {
                    channels.add(channel(port));
                }
            }
        }
    }

    @Override
    public String submit() throws IOException {
        try {
            return stub().submitOrder(ORDER).getOrderId();
        } catch (StatusRuntimeException e) {
            throw refused("submit", e);
        }
    }

    @Override
    public void cancel(String orderId) throws IOException {
        try {
            stub().cancelOrder(CancelOrderRequest.newBuilder().setOrderId(orderId).build());
        } catch (StatusRuntimeException e) {
            throw refused("cancel", e);
        }
    }

    @Override
    public Watcher<?> watch(String orderId, int n) {
        return StreamWatcher.watch(channels.get(n % channels.size()), orderId, watchDeadline);
    }

    @Override
    public void close() {
        Channels.shutdownAll(channels);
    }

    private OrderServiceGrpc.OrderServiceBlockingStub stub() {
        return OrderServiceGrpc.newBlockingStub(channels.getFirst())
                .withDeadlineAfter(OrderClient.SUBMIT_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static IOException refused(String what, StatusRuntimeException e) {
        String description = e.getStatus().getDescription();
        return new IOException(what + ": " + e.getStatus().getCode() + (description == null ? "" : " " + description));
    }

    private static ManagedChannel channel(int port) {
        return ManagedChannelBuilder.forAddress(Endpoint.HOST, port)
                .usePlaintext()
                // Callbacks only note the time and keep the event: run them on the transport's threads.
                .directExecutor()
                .build();
    }
}
