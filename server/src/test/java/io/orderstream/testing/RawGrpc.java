package io.orderstream.testing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;

/**
 * Calls a gRPC method with any bytes as its request message, over a real grpc-java channel: the
 * client frames the bytes as one message whatever they are, so a test can send what no generated
 * stub would (malformed protobuf, another message type, random bytes).
 */
public final class RawGrpc {
    private RawGrpc() {
    }

    /**
     * A unary call.
     *
     * @param channel    the channel
     * @param fullMethod e.g. {@code orderstream.v1.OrderService/SubmitOrder}
     * @param request    the request message's bytes
     * @param deadline   the call's deadline: a server that does not answer ends as DEADLINE_EXCEEDED
     * @return how the call ended
     */
    public static Status unary(Channel channel, String fullMethod, byte[] request, Duration deadline) {
        try {
            ClientCalls.blockingUnaryCall(channel, method(fullMethod, MethodDescriptor.MethodType.UNARY),
                                          options(deadline), request);
            return Status.OK;
        } catch (StatusRuntimeException e) {
            return e.getStatus();
        }
    }

    /**
     * A server-streaming call, read to its end.
     *
     * @param channel    the channel
     * @param fullMethod e.g. {@code orderstream.v1.OrderService/WatchOrder}
     * @param request    the request message's bytes
     * @param deadline   the call's deadline: a stream that neither ends nor fails ends as DEADLINE_EXCEEDED
     * @return how the stream ended
     */
    public static Status serverStreaming(Channel channel, String fullMethod, byte[] request, Duration deadline) {
        try {
            Iterator<byte[]> responses = ClientCalls.blockingServerStreamingCall(
                    channel, method(fullMethod, MethodDescriptor.MethodType.SERVER_STREAMING), options(deadline),
                    request);
            while (responses.hasNext()) {
                responses.next();
            }
            return Status.OK;
        } catch (StatusRuntimeException e) {
            return e.getStatus();
        }
    }

    private static CallOptions options(Duration deadline) {
        return CallOptions.DEFAULT.withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static MethodDescriptor<byte[], byte[]> method(String fullMethod, MethodDescriptor.MethodType type) {
        return MethodDescriptor.<byte[], byte[]>newBuilder()
                .setType(type)
                .setFullMethodName(fullMethod)
                .setRequestMarshaller(Bytes.INSTANCE)
                .setResponseMarshaller(Bytes.INSTANCE)
                .build();
    }

    private enum Bytes implements MethodDescriptor.Marshaller<byte[]> {
        INSTANCE;

        @Override
        public InputStream stream(byte[] value) {
            return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
            try {
                return stream.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
