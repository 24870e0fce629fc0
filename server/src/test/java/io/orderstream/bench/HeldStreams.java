package io.orderstream.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.orderstream.proto.v1.OrderEvent;
import io.orderstream.proto.v1.OrderServiceGrpc;
import io.orderstream.proto.v1.WatchOrderRequest;
import io.orderstream.testing.Channels;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.stub.StreamObserver;

/**
 * Idle {@code WatchOrder} streams on one of the gateway's gRPC ports, a given number per channel
 * (one HTTP/2 connection each), as a client watching many orders would hold them. A stream is
 * attached by its first event, which the gateway replays from the order's history.
 */
final class HeldStreams implements HeldConnections {
    private final int port;
    private final List<String> orders;
    private final int perChannel;
    private final List<ManagedChannel> channels = new ArrayList<>();
    private final List<Observer> streams = new ArrayList<>();
    private final AtomicInteger attached = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();

    /**
     * Prepares; opens nothing yet.
     *
     * @param port       the Helidon port or the Netty port
     * @param orders     the orders to watch, in turn
     * @param perChannel streams per channel
     */
    HeldStreams(int port, List<String> orders, int perChannel) {
        this.port = port;
        this.orders = List.copyOf(orders);
        this.perChannel = perChannel;
    }

    @Override
    public void open(int count) {
        for (int i = 0; i < count; i++) {
            if (streams.size() % perChannel == 0) {
                channels.add(ManagedChannelBuilder.forAddress(Endpoint.HOST, port)
                                     .usePlaintext()
                                     // Callbacks only count: run them on the transport's threads.
                                     .directExecutor()
                                     .build());
            }
            Observer stream = new Observer();
            OrderServiceGrpc.newStub(channels.getLast())
                    .watchOrder(WatchOrderRequest.newBuilder().setOrderId(orders.get(streams.size() % orders.size()))
                                        .build(), stream);
            streams.add(stream);
        }
    }

    @Override
    public int opened() {
        return streams.size();
    }

    @Override
    public int attached() {
        return attached.get();
    }

    @Override
    public int failed() {
        return failed.get();
    }

    @Override
    public int connections() {
        return channels.size();
    }

    @Override
    public void close() {
        // The connections go, not each stream: thousands of cancels in a row look like an
        // HTTP/2 rapid-reset attack, which both ports answer with GOAWAY.
        Channels.shutdownAll(channels);
    }

    /** One stream; grpc-java calls an observer one call at a time. */
    private final class Observer implements StreamObserver<OrderEvent> {
        private boolean first = true;

        @Override
        public void onNext(OrderEvent event) {
            if (first) {
                first = false;
                attached.incrementAndGet();
            }
        }

        @Override
        public void onError(Throwable t) {
            ended();
        }

        @Override
        public void onCompleted() {
            ended();
        }

        private void ended() {
            if (!first) {
                attached.decrementAndGet();
            }
            failed.incrementAndGet();
        }
    }
}
