package io.orderstream.grpc;

import java.util.concurrent.atomic.AtomicBoolean;

import io.grpc.Attributes;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.SecurityLevel;
import io.grpc.ServerCall;
import io.grpc.Status;

/**
 * A call that passes on only its first close. When the gateway answers a call itself (a request
 * it could not read), the service below may still try to end the call; Helidon 4.5.0 would write
 * a second set of trailers, so the later close is dropped here. It also shows the service the
 * method descriptor the service was written for, whatever the transport's call carries.
 *
 * @param <Q> request type the service sees
 * @param <R> response type
 */
final class OnceClosedCall<Q, R> extends ServerCall<Q, R> {
    private final ServerCall<?, R> call;
    private final MethodDescriptor<Q, R> method;
    private final AtomicBoolean closed = new AtomicBoolean();

    OnceClosedCall(ServerCall<?, R> call, MethodDescriptor<Q, R> method) {
        this.call = call;
        this.method = method;
    }

    @Override
    public void close(Status status, Metadata trailers) {
        if (closed.compareAndSet(false, true)) {
            call.close(status, trailers);
        }
    }

    @Override
    public void request(int numMessages) {
        call.request(numMessages);
    }

    @Override
    public void sendHeaders(Metadata headers) {
        call.sendHeaders(headers);
    }

    @Override
    public void sendMessage(R message) {
        call.sendMessage(message);
    }

    @Override
    public boolean isReady() {
        return call.isReady();
    }

    @Override
    public boolean isCancelled() {
        return call.isCancelled();
    }

    @Override
    public void setMessageCompression(boolean enabled) {
        call.setMessageCompression(enabled);
    }

    @Override
    public void setCompression(String compressor) {
        call.setCompression(compressor);
    }

    @Override
    public void setOnReadyThreshold(int numBytes) {
        call.setOnReadyThreshold(numBytes);
    }

    @Override
    public SecurityLevel getSecurityLevel() {
        return call.getSecurityLevel();
    }

    @Override
    public Attributes getAttributes() {
        return call.getAttributes();
    }

    @Override
    public String getAuthority() {
        return call.getAuthority();
    }

    @Override
    public MethodDescriptor<Q, R> getMethodDescriptor() {
        return method;
    }
}
