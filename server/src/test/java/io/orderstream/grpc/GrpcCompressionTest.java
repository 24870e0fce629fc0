package io.orderstream.grpc;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.orderstream.testing.GrpcWatcher;
import io.orderstream.testing.RestClient;
import io.orderstream.testing.Steps;
import io.orderstream.testing.TestGateway;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ClientInterceptors;
import io.grpc.ForwardingClientCall;
import io.grpc.ForwardingClientCallListener;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/**
 * Responses go out uncompressed on both gRPC ports, though grpc-java clients say they accept
 * gzip: an event is about a hundred bytes, which gzip makes no smaller, and Helidon's port would
 * otherwise make a compressor for every message of every stream (a quarter of the CPU of a fan-out
 * to a thousand streams there). The Netty port never compresses unasked; the Helidon port is told
 * not to ({@code server.protocols.grpc.enable-compression}).
 */
class ResponseCompressionTest {
    private static final Metadata.Key<String> ENCODING = Metadata.Key.of("grpc-encoding",
                                                                          Metadata.ASCII_STRING_MARSHALLER);
    private static final String ORDER = "{\"tokenIn\":\"SOL\",\"tokenOut\":\"USDC\",\"amount\":10,\"slippage\":0.5}";

    @Test
    void eventsOfAWatchAreSentUncompressedOnBothPortsToAClientThatAcceptsGzip() throws Exception {
        try (TestGateway gateway = TestGateway.start()) {
            String orderId = new RestClient(gateway.http()).submit(ORDER);
            for (ManagedChannel channel : List.of(gateway.helidonChannel(), gateway.nettyChannel())) {
                HeaderCapture headers = new HeaderCapture();
                GrpcWatcher watch = GrpcWatcher.watch(ClientInterceptors.intercept(channel, headers), orderId, 0);
                assertThat(watch.awaitEnd().getCode(), is(Status.Code.OK));
                Steps.assertLife(watch.steps(), "confirmed");
                Metadata received = headers.received.get(30, TimeUnit.SECONDS);
                String encoding = received.get(ENCODING);
                assertThat("grpc-encoding from " + channel.authority(), encoding == null ? "identity" : encoding,
                           is("identity"));
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
