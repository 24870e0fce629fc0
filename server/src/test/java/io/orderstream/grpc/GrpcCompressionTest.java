package io.orderstream.grpc;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.orderstream.proto.v1.OrderServiceGrpc;
import io.orderstream.proto.v1.SubmitOrderRequest;
import io.orderstream.proto.v1.SubmitOrderResponse;
import io.orderstream.testing.GrpcWatcher;
import io.orderstream.testing.RestClient;
import io.orderstream.testing.Steps;
import io.orderstream.testing.TestGateway;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ClientInterceptors;
import io.grpc.Codec;
import io.grpc.DecompressorRegistry;
import io.grpc.ForwardingClientCall;
import io.grpc.ForwardingClientCallListener;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/**
 * Message compression on both gRPC ports, as grpc-java clients use it: a gzipped request is
 * taken on both (the Helidon port only while {@code server.protocols.grpc.enable-compression} is
 * on, which is why it stays on), and a client that accepts no compression gets its events
 * uncompressed on both.
 */
class GrpcCompressionTest {
    private static final Metadata.Key<String> ENCODING = Metadata.Key.of("grpc-encoding",
                                                                          Metadata.ASCII_STRING_MARSHALLER);
    /** What a client that accepts no compression can decode, and so advertises. */
    private static final DecompressorRegistry IDENTITY_ONLY = DecompressorRegistry.emptyInstance()
            .with(Codec.Identity.NONE, true);
    private static final String ORDER = "{\"tokenIn\":\"SOL\",\"tokenOut\":\"USDC\",\"amount\":10,\"slippage\":0.5}";

    @Test
    void aGzippedRequestIsTakenOnBothPorts() {
        try (TestGateway gateway = TestGateway.start()) {
            for (ManagedChannel channel : List.of(gateway.helidonChannel(), gateway.nettyChannel())) {
                SubmitOrderResponse response = OrderServiceGrpc.newBlockingStub(channel).withCompression("gzip")
                        .withDeadlineAfter(10, TimeUnit.SECONDS)
                        .submitOrder(SubmitOrderRequest.newBuilder().setTokenIn("SOL").setTokenOut("USDC")
                                             .setAmount("10").setSlippage("0.5").build());
                assertThat("submitted through " + channel.authority(), response.getOrderId().isEmpty(), is(false));
            }
        }
    }

    @Test
    void aClientThatAcceptsNoCompressionIsSentItsEventsUncompressedOnBothPorts() throws Exception {
        try (TestGateway gateway = TestGateway.start()) {
            String orderId = new RestClient(gateway.http()).submit(ORDER);
            for (int port : List.of(gateway.port(), gateway.grpcPort())) {
                ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext()
                        .decompressorRegistry(IDENTITY_ONLY).build();
                try {
                    HeaderCapture headers = new HeaderCapture();
                    GrpcWatcher watch = GrpcWatcher.watch(ClientInterceptors.intercept(channel, headers), orderId, 0);
                    Status end = watch.awaitEnd();
                    assertThat("port " + port + ": " + end, end.getCode(), is(Status.Code.OK));
                    Steps.assertLife(watch.steps(), "confirmed");
                    String encoding = headers.received.get(30, TimeUnit.SECONDS).get(ENCODING);
                    assertThat("grpc-encoding from port " + port, encoding == null ? "identity" : encoding,
                               is("identity"));
                } finally {
                    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
                }
            }
        }
    }

    /** Keeps the response headers of the one call made through it. */
    private static final class HeaderCapture implements ClientInterceptor {
        private final CompletableFuture<Metadata> received = new CompletableFuture<>();

        @Override
        public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
            return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
                @Override
                public void start(Listener<R> listener, Metadata headers) {
                    super.start(new ForwardingClientCallListener.SimpleForwardingClientCallListener<>(listener) {
                        @Override
                        public void onHeaders(Metadata metadata) {
                            received.complete(metadata);
                            super.onHeaders(metadata);
                        }
                    }, headers);
                }
            };
        }
    }
}
