package io.orderstream.grpc;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import io.orderstream.limits.Slot;
import io.orderstream.watch.SharedEvent;
import io.orderstream.watch.Watch;
import io.orderstream.watch.WatchEnd;
import io.orderstream.watch.WatchSink;

import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;

/**
 * One {@code WatchOrder} stream as a watch sink. Respects flow control: it sends only while the
 * call is ready, waiting for the transport's ready signal otherwise, so events never pile up
 * unbounded inside gRPC; the watch's own bounded buffer decides when a client is too slow. The
 * caller's place under its cap of watches is given back when the call closes, however it closes.
 * One condition serves both waits (for readiness, for the close): a gateway holds one sink per
 * idle stream.
 */
final class GrpcWatchSink implements WatchSink {
    private static final int READY_THRESHOLD_BYTES = 1024;
    private static final Duration CANCEL_CHECK = Duration.ofSeconds(30);
    /** Mapped once per event, shared by all its watchers. */
    private static final SharedEvent.Encoding<io.orderstream.proto.v1.OrderEvent> PROTO = ProtoMapper::event;

    private final ServerCallStreamObserver<io.orderstream.proto.v1.OrderEvent> call;
    private final ReentrantLock lock = new ReentrantLock();
    // Signalled when the call becomes ready, and when it closes.
    private final Condition ready = lock.newCondition();
    private final Slot slot;
    private volatile boolean interrupted;
    private volatile boolean closed;
    private volatile Watch watch;

    /**
     * Must be created during the call's handler, where the ready handler may still be set.
     *
     * @param call the call
     * @param slot the caller's place under its cap of watches, held until the call closes
     */
    GrpcWatchSink(ServerCallStreamObserver<io.orderstream.proto.v1.OrderEvent> call, Slot slot) {
        this.call = call;
        this.slot = slot;
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
        return call.isCancelled() || closed;
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
            closed();
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
            closed();
        }
    }

    /**
     * The watch this sink feeds, for a cancel to end it.
     *
     * @param started the watch, started
     */
    void watching(Watch started) {
        watch = started;
    }

    /** The client cancelled the call (its cancel handler): the watch ends, nothing more is sent. */
    void cancelled() {
        Watch started = watch;
        if (started != null) {
            started.cancel();
        }
        closed();
    }

    private void closed() {
        closed = true;
        slot.close();
        signalReady();
    }

    /**
     * Waits until the call is closed: completed or aborted by the watch, or cancelled. The close
     * and the cancel handler wake it. It also looks at the call every {@code CANCEL_CHECK}, in
     * case a call is cancelled without its handler running (a connection that dies, a transport
     * that forgets it), so the watch is never held for good; seldom, as a parked thread woken
     * has its stack copied anew to the heap, which made an idle stream cost twice the stack it
     * holds parked when it woke every second.
     */
    void awaitClosed() throws InterruptedException {
        lock.lock();
        try {
            while (!closed && !call.isCancelled()) {
                ready.await(CANCEL_CHECK.toNanos(), TimeUnit.NANOSECONDS);
            }
        } finally {
            lock.unlock();
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
