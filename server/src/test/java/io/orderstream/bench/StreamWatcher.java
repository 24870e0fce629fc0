package io.orderstream.bench;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.orderstream.proto.v1.OrderEvent;
import io.orderstream.proto.v1.OrderServiceGrpc;
import io.orderstream.proto.v1.OrderStatus;
import io.orderstream.proto.v1.WatchOrderRequest;

import io.grpc.Channel;
import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;

/**
 * A {@code WatchOrder} stream: attached by its first event, which the gateway replays from the
 * order's history after registering the watch live. grpc-java calls an observer one call at a time.
 */
final class StreamWatcher extends Watcher<OrderEvent> implements ClientResponseObserver<WatchOrderRequest, OrderEvent> {
    private volatile ClientCallStreamObserver<WatchOrderRequest> call;

    private StreamWatcher() {
    }

    /**
     * Starts the call.
     *
     * @param channel  the channel that carries it
     * @param orderId  the order
     * @param deadline the call's deadline, from now
     * @return the watcher, starting
     */
    static StreamWatcher watch(Channel channel, String orderId, Duration deadline) {
        StreamWatcher watcher = new StreamWatcher();
        OrderServiceGrpc.newStub(channel)
                .withDeadlineAfter(deadline.toNanos(), TimeUnit.NANOSECONDS)
                .watchOrder(WatchOrderRequest.newBuilder().setOrderId(orderId).build(), watcher);
        return watcher;
    }

    @Override
    void close() {
        ClientCallStreamObserver<WatchOrderRequest> started = call;
        if (started != null) {
            started.cancel("the round is over", null);
        }
    }

    @Override
    public void beforeStart(ClientCallStreamObserver<WatchOrderRequest> requestStream) {
        call = requestStream;
    }

    @Override
    public void onNext(OrderEvent event) {
        long nanos = System.nanoTime();
        long wallNanos = wallNanos();
        if (!isAttached()) {
            attachedAt(nanos);
        }
        arrived(event, nanos, wallNanos);
    }

    @Override
    public void onError(Throwable t) {
        Status status = Status.fromThrowable(t);
        endedWith(status.getCode() + (status.getDescription() == null ? "" : " " + status.getDescription()));
    }

    @Override
    public void onCompleted() {
        endedWith(null);
    }

    @Override
    Optional<Receipt> decode(OrderEvent event, long nanos, long wallNanos) {
        OrderStatus status = event.getStatus();
        boolean terminal = status == OrderStatus.ORDER_STATUS_CONFIRMED || status == OrderStatus.ORDER_STATUS_FAILED
                || status == OrderStatus.ORDER_STATUS_CANCELLED;
        long stamped = event.getTimestamp().getSeconds() * 1_000_000_000L + event.getTimestamp().getNanos();
        return Optional.of(new Receipt(event.getSeq(), nanos, wallNanos, stamped, terminal));
    }
}
