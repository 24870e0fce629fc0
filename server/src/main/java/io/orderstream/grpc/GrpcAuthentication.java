package io.orderstream.grpc;

import java.util.Optional;

import io.orderstream.auth.Authenticator;
import io.orderstream.auth.Credentials;
import io.orderstream.desk.Caller;
import io.orderstream.limits.Limits;
import io.orderstream.limits.QuotaKey;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;

/**
 * Authenticates each call of the order service from its metadata ({@code authorization: Bearer …}
 * or {@code x-api-key}), on both ports: the service installs it on itself, so Helidon's routing and
 * the Netty server run the very same check. A refused call is closed UNAUTHENTICATED and never
 * reaches the method; an accepted one carries its {@link Caller} in the gRPC context, and whom
 * it counts against ({@link QuotaKey}: the subject, or in anonymous mode the client's address, as
 * both transports report it).
 */
final class GrpcAuthentication implements ServerInterceptor {
    private static final Context.Key<Caller> CALLER = Context.key("orderstream.caller");
    private static final Context.Key<QuotaKey> QUOTA = Context.key("orderstream.quota");
    private static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization",
                                                                              Metadata.ASCII_STRING_MARSHALLER);
    private static final Metadata.Key<String> API_KEY = Metadata.Key.of("x-api-key", Metadata.ASCII_STRING_MARSHALLER);

    private final Authenticator authenticator;
    private final Limits limits;

    GrpcAuthentication(Authenticator authenticator, Limits limits) {
        this.authenticator = authenticator;
        this.limits = limits;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                      ServerCallHandler<Q, R> next) {
        Caller caller;
        try {
            caller = authenticator.authenticate(new Credentials(Optional.ofNullable(headers.get(AUTHORIZATION)),
                                                                Optional.ofNullable(headers.get(API_KEY)),
                                                                Optional.empty()));
        } catch (RuntimeException e) {
            return new Refusal<>(call, GrpcErrors.toStatus(e).getStatus());
        }
        QuotaKey quota = limits.key(caller, call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR));
        // Attached around every listener callback, so the method handler sees them.
        return Contexts.interceptCall(Context.current().withValues(CALLER, caller, QUOTA, quota), call, headers,
                                      next);
    }

    /**
     * A refused call: its request is read and dropped, and the call is closed once the client has
     * sent it all. Closed at once instead, while the request is still arriving, a call on Helidon
     * 4.5.0's port sometimes costs the client its whole connection (seen: GOAWAY PROTOCOL_ERROR,
     * every other call on it failing INTERNAL); the methods of this service each take one message,
     * so waiting for it costs nothing.
     */
    private static final class Refusal<Q, R> extends ServerCall.Listener<Q> {
        private final ServerCall<Q, R> call;
        private final Status status;

        private Refusal(ServerCall<Q, R> call, Status status) {
            this.call = call;
            this.status = status;
            call.request(1);
        }

        @Override
        public void onMessage(Q message) {
            call.request(1);
        }

        @Override
        public void onHalfClose() {
            call.close(status, new Metadata());
        }
    }

    /**
     * The caller of the current call.
     *
     * @return the caller this interceptor established
     * @throws IllegalStateException outside a call it let through
     */
    static Caller caller() {
        return current(CALLER);
    }

    /**
     * Whom the current call counts against.
     *
     * @return the key this interceptor established
     * @throws IllegalStateException outside a call it let through
     */
    static QuotaKey quota() {
        return current(QUOTA);
    }

    private static <T> T current(Context.Key<T> key) {
        T value = key.get();
        if (value == null) {
            throw new IllegalStateException("No authenticated caller: the order service runs behind GrpcAuthentication");
        }
        return value;
    }
}
