package io.orderstream.grpc;

import java.util.Optional;

import io.orderstream.auth.Authenticator;
import io.orderstream.auth.Credentials;
import io.orderstream.auth.Principal;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;

/**
 * Authenticates each call of the order service from its metadata ({@code authorization: Bearer …}
 * or {@code x-api-key}), on both ports: the service installs it on itself, so Helidon's routing and
 * the Netty server run the very same check. A refused call is closed UNAUTHENTICATED and never
 * reaches the method; an accepted one carries its {@link Principal} in the gRPC context.
 */
final class GrpcAuthentication implements ServerInterceptor {
    private static final Context.Key<Principal> CALLER = Context.key("orderstream.caller");
    private static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization",
                                                                              Metadata.ASCII_STRING_MARSHALLER);
    private static final Metadata.Key<String> API_KEY = Metadata.Key.of("x-api-key", Metadata.ASCII_STRING_MARSHALLER);

    private final Authenticator authenticator;

    GrpcAuthentication(Authenticator authenticator) {
        this.authenticator = authenticator;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                      ServerCallHandler<Q, R> next) {
        Principal caller;
        try {
            caller = authenticator.authenticate(new Credentials(Optional.ofNullable(headers.get(AUTHORIZATION)),
                                                                Optional.ofNullable(headers.get(API_KEY)),
                                                                Optional.empty()));
        } catch (RuntimeException e) {
            return new Refusal<>(call, GrpcErrors.toStatus(e).getStatus());
        }
        // Attached around every listener callback, so the method handler sees it.
        return Contexts.interceptCall(Context.current().withValue(CALLER, caller), call, headers, next);
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
     * @return the principal this interceptor established
     * @throws IllegalStateException outside a call it let through
     */
    static Principal caller() {
        Principal caller = CALLER.get();
        if (caller == null) {
            throw new IllegalStateException("No authenticated caller: the order service runs behind GrpcAuthentication");
        }
        return caller;
    }
}
