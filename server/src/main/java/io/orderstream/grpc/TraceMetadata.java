package io.orderstream.grpc;

import io.orderstream.tracing.Traced;
import io.orderstream.tracing.Tracing;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;

/**
 * Hands a call's metadata to the span of its method, so that a submit continues the caller's
 * trace ({@code traceparent} metadata, W3C Trace Context). Installed with the service on both
 * ports, as {@link GrpcAuthentication} is; while tracing is off it passes calls straight on.
 */
final class TraceMetadata implements ServerInterceptor {
    private static final Context.Key<Metadata> HEADERS = Context.key("orderstream.trace-metadata");

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                      ServerCallHandler<Q, R> next) {
        if (!Tracing.enabled()) {
            return next.startCall(call, headers);
        }
        return Contexts.interceptCall(Context.current().withValue(HEADERS, headers), call, headers, next);
    }

    /**
     * A span of the current call, continuing its caller's trace.
     *
     * @param name e.g. {@code orderstream.v1.OrderService/SubmitOrder}
     * @return the server span, current on this thread
     */
    static Traced incoming(String name) {
        Metadata headers = HEADERS.get();
        return Traced.incoming(name, key -> headers == null ? null
                : headers.get(Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER)))
                .attribute("rpc.system", "grpc")
                .attribute("rpc.service", "orderstream.v1.OrderService")
                .attribute("rpc.method", name.substring(name.lastIndexOf('/') + 1));
    }
}
