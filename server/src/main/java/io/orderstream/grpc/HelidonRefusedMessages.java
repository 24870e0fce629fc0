package io.orderstream.grpc;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;

/**
 * Answers RESOURCE_EXHAUSTED, at once, a call on the Helidon port whose request message Helidon's
 * transport refused to read. Install it on Helidon's gRPC routing only.
 * <p>
 * Helidon 4.5.0 reads a request message into a buffer of at most
 * {@code server.protocols.grpc.max-read-buffer-size} bytes. For a larger message (or compressed
 * data that does not inflate) it logs the failure, calls the listener's {@code onCancel()} and
 * leaves the call open without a status: the client waits for its deadline, and each further DATA
 * frame of the message is taken as a new message, refused and logged again. A client's own cancel
 * reaches {@code onCancel()} with the call already marked cancelled; that refusal does not, and
 * comes before the request is whole. Such a call is closed here with a status, and Helidon drops
 * the rest of the message.
 * <p>
 * Closing a call while its request is still arriving has a cost in Helidon 4.5.0: if the
 * request's last frame comes in before Helidon has taken the frames ahead of it, those frames are
 * never counted back into the connection's flow-control window, and a connection that loses its
 * whole window this way stalls. That is why the gateway gives Helidon's buffer room above the
 * limit it enforces ({@link UnreadableRequests} refuses a message it has read whole, which costs
 * nothing): only a message far over the limit takes this path. Reproducer: docs/CLIENTS.md.
 */
public final class HelidonRefusedMessages implements ServerInterceptor {
    private final int limitBytes;

    /**
     * Creates the interceptor.
     *
     * @param limitBytes the request size limit, told to the client
     */
    public HelidonRefusedMessages(int limitBytes) {
        this.limitBytes = limitBytes;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                      ServerCallHandler<Q, R> next) {
        OnceClosedCall<Q, R> once = new OnceClosedCall<>(call, call.getMethodDescriptor());
        return new Listener<>(once, next.startCall(once, headers), limitBytes);
    }

    private static final class Listener<Q> extends ServerCall.Listener<Q> {
        private final OnceClosedCall<Q, ?> call;
        private final ServerCall.Listener<Q> next;
        private final int limitBytes;
        private volatile boolean halfClosed;
        private volatile boolean answered;

        Listener(OnceClosedCall<Q, ?> call, ServerCall.Listener<Q> next, int limitBytes) {
            this.call = call;
            this.next = next;
            this.limitBytes = limitBytes;
        }

        @Override
        public void onCancel() {
            if (answered) {
                // The call ended with the answer below; the service has been told (onComplete).
                return;
            }
            if (!halfClosed && !call.isCancelled()) {
                answered = true;
                try {
                    // Helidon calls onComplete from close(), which tells the service the call ended.
                    call.close(GrpcErrors.requestRefusedUnread(limitBytes), new Metadata());
                    return;
                } catch (RuntimeException e) {
                    // The connection is gone after all: the service hears of a cancel.
                }
            }
            next.onCancel();
        }

        @Override
        public void onMessage(Q message) {
            if (!answered) {
                next.onMessage(message);
            }
        }

        @Override
        public void onHalfClose() {
            halfClosed = true;
            if (!answered) {
                next.onHalfClose();
            }
        }

        @Override
        public void onReady() {
            if (!answered) {
                next.onReady();
            }
        }

        @Override
        public void onComplete() {
            next.onComplete();
        }
    }
}
