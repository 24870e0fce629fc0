package io.orderstream.grpc;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import io.orderstream.watch.SharedEvent;
import io.orderstream.watch.WatchEnd;
import io.orderstream.watch.WatchSink;

import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;

/**
 * One {@code WatchOrder} stream as a watch sink. Respects flow control: it sends only while the
 * call is ready, waiting for the transport's ready signal otherwise, so events never pile up
 * unbounded inside gRPC; the watch's own bounded buffer decides when a client is too slow.
 */
final class GrpcWatchSink implements WatchSink {
    private static final int READY_THRESHOLD_BYTES = 1024;
    /** Mapped once per event, shared by all its watchers. */
    private static final SharedEvent.Encoding<io.orderstream.proto.v1.OrderEvent> PROTO = ProtoMapper::event;

    private final ServerCallStreamObserver<io.orderstream.proto.v1.OrderEvent> call;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition ready = lock.newCondition();
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile boolean interrupted;

    /**
     * Must be created during the call's handler, where the ready handler may still be set.
     */
    GrpcWatchSink(ServerCallStreamObserver<io.orderstream.proto.v1.OrderEvent> call) {
        this.call = call;
        // Not ready once a few events wait in the transport (default 32 KiB, hundreds of events):
        // the watch's own bounded buffer, not gRPC's, is what holds a slow client's backlog.
        call.setOnReadyThreshold(READY_THRESHOLD_BYTES);
        call.setOnReadyHandler(this::signalReady);
    }

    @Override
    public void send(SharedEvent event) throws InterruptedException {
        lock.lock();
        try {
            while (!call.isReady()) {
                checkNotCancelled();
                // Re-checked on a timer as well: a cancel does not signal readiness.
                ready.await(1, TimeUnit.SECONDS);
            }
        } finally {
            lock.unlock();
        }
        checkNotCancelled();
        call.onNext(event.encoded(PROTO));
    }

    @Override
    public boolean isClosed() {
        return call.isCancelled() || closed.getCount() == 0;
    }

    @Override
    public void interruptSend() {
        interrupted = true;
        signalReady();
    }

    private void checkNotCancelled() {
        // A cancelled call drops onNext silently; failing here ends the watch at once instead.
        if (call.isCancelled()) {
            throw Status.CANCELLED.withDescription("Client cancelled").asRuntimeException();
        }
        if (interrupted) {
            throw new IllegalStateException("Watch cut off while waiting for the client to read");
        }
    }

    @Override
    public void complete() {
        try {
            call.onCompleted();
        } finally {
            closed.countDown();
        }
    }

    @Override
    public void abort(WatchEnd end, String reason) {
        Status status = switch (end) {
        case SLOW_CONSUMER -> Status.RESOURCE_EXHAUSTED;
        case SHUTDOWN -> Status.UNAVAILABLE;
        case COMPLETED, CANCELLED, FAILED -> Status.INTERNAL;
        };
        try {
            if (!call.isCancelled()) {
                call.onError(status.withDescription(reason).asRuntimeException());
            }
        } finally {
            closed.countDown();
        }
    }

    /** The client cancelled the call: nothing more will be sent on it. */
    void cancelled() {
        closed.countDown();
    }

    /**
     * Waits until the call is closed: completed or aborted by the watch, or cancelled.
     */
    void awaitClosed() throws InterruptedException {
        // The timer only guards against a cancel whose handler never ran.
        while (!closed.await(1, TimeUnit.SECONDS)) {
            if (call.isCancelled()) {
                return;
            }
        }
    }

    private void signalReady() {
        lock.lock();
        try {
            ready.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
