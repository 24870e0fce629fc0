package io.orderstream.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;

import io.orderstream.proto.v1.OrderServiceGrpc;
import io.orderstream.proto.v1.SubmitOrderRequest;
import io.orderstream.proto.v1.WatchOrderRequest;
import io.orderstream.testing.Channels;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.StatusRuntimeException;

/**
 * A user of the gRPC face on the gateways' Helidon port: {@code SubmitOrder}, then
 * {@code WatchOrder} until the terminal event. One channel (one HTTP/2 connection) per gateway
 * carries every call. With several gateways it watches each order on the gateway after the one
 * it submitted to, as {@link RestWebSocketClient} does.
 */
final class GrpcOrderClient implements OrderClient {
    private static final SubmitOrderRequest ORDER = SubmitOrderRequest.newBuilder()
            .setTokenIn("SOL").setTokenOut("USDC").setAmount("1").setSlippage("1").build();

    private final List<ManagedChannel> channels;

    /**
     * Opens a channel to each gateway.
     *
     * @param gateways where to submit and watch
     */
    GrpcOrderClient(List<Endpoint> gateways) {
        this.channels = gateways.stream()
                .map(gateway -> ManagedChannelBuilder.forAddress(Endpoint.HOST, gateway.port())
                        .usePlaintext()
                        // Callbacks only complete a future: run them on the transport's threads, no pool.
                        .directExecutor()
                        .build())
                .toList();
    }

    @Override
    public Outcome execute(int n) throws InterruptedException {
        long submitted = System.nanoTime();
        String orderId;
        try {
            orderId = OrderServiceGrpc.newBlockingStub(channels.get(n % channels.size()))
                    .withDeadlineAfter(SUBMIT_LIMIT.toMillis(), TimeUnit.MILLISECONDS)
                    .submitOrder(ORDER)
                    .getOrderId();
        } catch (StatusRuntimeException e) {
            String description = e.getStatus().getDescription();
            return Outcome.error(submitted, "submit: " + e.getStatus().getCode()
                    + (description == null ? "" : " " + description));
        }
        TerminalObserver observer = new TerminalObserver();
        // The call's own deadline only backs up Outcome.await, which gives up first and cancels.
        long left = submitted + TERMINAL_LIMIT.toNanos() - System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        OrderServiceGrpc.newStub(channels.get((n + 1) % channels.size()))
                .withDeadlineAfter(Math.max(left, 1), TimeUnit.NANOSECONDS)
                .watchOrder(WatchOrderRequest.newBuilder().setOrderId(orderId).build(), observer);
        return Outcome.await(observer.arrival(), submitted, observer::cancel);
    }

    @Override
    public void close() {
        Channels.shutdownAll(channels);
    }
}
