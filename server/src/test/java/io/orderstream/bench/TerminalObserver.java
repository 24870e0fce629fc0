package io.orderstream.bench;

import java.util.concurrent.CompletableFuture;

import io.orderstream.proto.v1.OrderEvent;
import io.orderstream.proto.v1.OrderStatus;
import io.orderstream.proto.v1.WatchOrderRequest;

import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;

/**
 * Follows one {@code WatchOrder} stream until its terminal event, and can cancel the call when
 * the client gives up on the order.
 */
final class TerminalObserver implements ClientResponseObserver<WatchOrderRequest, OrderEvent> {
    private final CompletableFuture<Outcome.Arrival> arrival = new CompletableFuture<>();
    private volatile ClientCallStreamObserver<WatchOrderRequest> call;

    /**
     * Completed with the terminal event, or exceptionally when the stream ends without one.
     *
     * @return the arrival
     */
    CompletableFuture<Outcome.Arrival> arrival() {
        return arrival;
    }

    /** Cancels the call, as a client that stops waiting does. */
    void cancel() {
        ClientCallStreamObserver<WatchOrderRequest> started = call;
        if (started != null) {
            started.cancel("the benchmark stopped waiting for this order", null);
        }
    }

    @Override
    public void beforeStart(ClientCallStreamObserver<WatchOrderRequest> requestStream) {
        call = requestStream;
    }

    @Override
    public void onNext(OrderEvent event) {
        OrderStatus status = event.getStatus();
        if (status == OrderStatus.ORDER_STATUS_CONFIRMED || status == OrderStatus.ORDER_STATUS_FAILED
                || status == OrderStatus.ORDER_STATUS_CANCELLED) {
            arrival.complete(Outcome.Arrival.now(status == OrderStatus.ORDER_STATUS_CONFIRMED));
        }
    }

    @Override
    public void onError(Throwable t) {
        Status status = Status.fromThrowable(t);
        arrival.completeExceptionally(new Outcome.WatchEnded(
                status.getCode() + (status.getDescription() == null ? "" : " " + status.getDescription())));
    }

    @Override
    public void onCompleted() {
        arrival.completeExceptionally(new Outcome.WatchEnded("stream completed before the end"));
    }
}
