package io.orderstream.cli;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.orderstream.proto.v1.OrderServiceGrpc;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;

/**
 * One plaintext gRPC channel to a gateway ({@code host:port}, either gRPC port) and the stubs
 * on it. Unary calls carry a deadline; {@code WatchOrder} streams for as long as the order lives.
 */
final class Connection implements AutoCloseable {
    private static final Duration UNARY_DEADLINE = Duration.ofSeconds(15);

    private final String target;
    private final ManagedChannel channel;

    Connection(String target) {
        this.target = target;
        this.channel = ManagedChannelBuilder.forTarget(target).usePlaintext().build();
    }

    String target() {
        return target;
    }

    /** A stub for one unary call, with its deadline starting now. */
    OrderServiceGrpc.OrderServiceBlockingStub unary() {
        return OrderServiceGrpc.newBlockingStub(channel)
                .withDeadlineAfter(UNARY_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** A stub for streams: no deadline. */
    OrderServiceGrpc.OrderServiceBlockingStub streaming() {
        return OrderServiceGrpc.newBlockingStub(channel);
    }

    @Override
    public void close() {
        channel.shutdownNow();
        try {
            channel.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
