package io.orderstream.cli;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.orderstream.proto.v1.OrderServiceGrpc;

import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;

/**
 * One plaintext gRPC channel to a gateway ({@code host:port}, either gRPC port) and the stubs
 * on it. Unary calls carry a deadline; {@code WatchOrder} streams for as long as the order lives.
 * With a token, every call carries it as {@code authorization: Bearer <token>}.
 */
final class Connection implements AutoCloseable {
    private static final Duration UNARY_DEADLINE = Duration.ofSeconds(15);
    private static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization",
                                                                              Metadata.ASCII_STRING_MARSHALLER);

    private final String target;
    private final ManagedChannel channel;
    private final Channel calls;

    Connection(String target, Optional<String> token) {
        this.target = target;
        this.channel = ManagedChannelBuilder.forTarget(target).usePlaintext().build();
        this.calls = token.map(value -> {
            Metadata credentials = new Metadata();
            credentials.put(AUTHORIZATION, "Bearer " + value);
            return ClientInterceptors.intercept(channel, MetadataUtils.newAttachHeadersInterceptor(credentials));
        }).orElse(channel);
    }

    String target() {
        return target;
    }

    /** A stub for one unary call, with its deadline starting now. */
    OrderServiceGrpc.OrderServiceBlockingStub unary() {
        return OrderServiceGrpc.newBlockingStub(calls)
                .withDeadlineAfter(UNARY_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** A stub for streams: no deadline. */
    OrderServiceGrpc.OrderServiceBlockingStub streaming() {
        return OrderServiceGrpc.newBlockingStub(calls);
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
