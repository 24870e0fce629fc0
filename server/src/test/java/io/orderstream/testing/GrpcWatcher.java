package io.orderstream.testing;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.orderstream.proto.v1.OrderEvent;
import io.orderstream.proto.v1.OrderServiceGrpc;
import io.orderstream.proto.v1.WatchOrderRequest;

import io.grpc.Channel;
import io.grpc.Context;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;

/**
 * A {@code WatchOrder} stream on the async stub: records events and how the stream ended, and
 * can be cancelled like a client that goes away.
 */
public final class GrpcWatcher implements StreamObserver<OrderEvent> {
    private final List<OrderEvent> events = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Status> ended = new CompletableFuture<>();
    private final Context.CancellableContext context = Context.current().withCancellation();

    /**
     * Starts watching.
     *
     * @param channel  the channel
     * @param orderId  the order
     * @param afterSeq last seq seen
     * @return the watcher
     */
    public static GrpcWatcher watch(Channel channel, String orderId, long afterSeq) {
        GrpcWatcher watcher = new GrpcWatcher();
        watcher.context.run(() -> OrderServiceGrpc.newStub(channel).withDeadlineAfter(60, TimeUnit.SECONDS)
                .watchOrder(WatchOrderRequest.newBuilder().setOrderId(orderId).setAfterSeq(afterSeq).build(),
                            watcher));
        return watcher;
    }

    @Override
    public void onNext(OrderEvent value) {
        events.add(value);
    }

    @Override
    public void onError(Throwable t) {
        ended.complete(Status.fromThrowable(t));
    }

    @Override
    public void onCompleted() {
        ended.complete(Status.OK);
    }

    /**
     * Events so far.
     *
     * @return events in arrival order
     */
    public List<OrderEvent> events() {
        return events;
    }

    /**
     * How the stream ended, waiting up to 30 s.
     *
     * @return final status
     */
    public Status awaitEnd() throws Exception {
        return ended.get(30, TimeUnit.SECONDS);
    }

    /** Cancels the call, as a client that goes away does. */
    public void cancel() {
        context.cancel(null);
    }

    /**
     * Steps as {@link Steps} checks them.
     *
     * @return steps
     */
    public List<Steps.Step> steps() {
        return events.stream().map(GrpcWatcher::step).toList();
    }

    /**
     * One event as a step.
     *
     * @param event the event
     * @return step
     */
    public static Steps.Step step(OrderEvent event) {
        return new Steps.Step(event.getSeq(),
                              event.getStatus().name().substring("ORDER_STATUS_".length()).toLowerCase(),
                              event.getProgress());
    }
}
