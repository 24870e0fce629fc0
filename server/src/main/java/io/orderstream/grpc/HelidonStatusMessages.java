package io.orderstream.grpc;

import java.nio.charset.StandardCharsets;

import io.grpc.ForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;

/**
 * Percent-encodes every status description on the Helidon port, as the gRPC protocol requires of
 * the {@code grpc-message} trailer and as grpc-java's own transports do. Install it on Helidon's
 * gRPC routing only.
 * <p>
 * Helidon 4.5.0 writes the description into the trailer as it is. Descriptions here often quote
 * what the client sent ("got '…'"), so they may hold any character. Beyond Latin-1, Helidon's
 * HPACK Huffman encoder overruns its buffer ({@code ArrayIndexOutOfBoundsException} in
 * {@code Http2HuffmanEncoder.encode}) halfway through the trailers: the call is never answered,
 * and the connection's header compression is left out of step with the client's, so the next
 * call on it fails too ({@code INTERNAL: http2 exception}, or headers of other calls). Shorter
 * ones arrive mangled, and a line break is not allowed in a header at all. Clients decode the
 * percent-encoding and show the description as it was written. Reproducer: docs/CLIENTS.md.
 */
public final class HelidonStatusMessages implements ServerInterceptor {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                      ServerCallHandler<Q, R> next) {
        return next.startCall(new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
            @Override
            public void close(Status status, Metadata trailers) {
                String description = status.getDescription();
                super.close(description == null ? status : status.withDescription(encode(description)), trailers);
            }
        }, headers);
    }

    /**
     * The text as gRPC carries it in {@code grpc-message}: UTF-8, with every byte outside
     * printable ASCII, and {@code %} itself, written as {@code %XX}.
     *
     * @param text any text
     * @return printable ASCII
     */
    static String encode(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            if (b >= ' ' && b < 0x7f && b != '%') {
                out.append((char) b);
            } else {
                out.append('%').append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
            }
        }
        return out.toString();
    }
}
