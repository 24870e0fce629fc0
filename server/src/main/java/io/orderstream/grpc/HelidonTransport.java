package io.orderstream.grpc;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;

/**
 * Marks the calls that arrive through Helidon's gRPC transport (the one port), so the service,
 * which both ports share, can tell them from the Netty port's where the two transports differ
 * (see {@link OrderGrpcService#watchOrder}). Install it on Helidon's gRPC routing only.
 */
public final class HelidonTransport implements ServerInterceptor {
    private static final Context.Key<Boolean> KEY = Context.key("orderstream.helidon-transport");

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                      ServerCallHandler<Q, R> next) {
        // Contexts.interceptCall attaches the context around every listener callback, so the
        // method handler (run from onHalfClose for a server-streaming call) sees it.
        return Contexts.interceptCall(Context.current().withValue(KEY, true), call, headers, next);
    }

    /**
     * Whether the current call came through Helidon's transport.
     *
     * @return true inside a call on the Helidon port
     */
    static boolean current() {
        return Boolean.TRUE.equals(KEY.get());
    }
}
