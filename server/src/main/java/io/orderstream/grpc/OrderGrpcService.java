package io.orderstream.grpc;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import io.orderstream.auth.Authenticator;
import io.orderstream.gateway.OrderListing;
import io.orderstream.gateway.OrderService;
import io.orderstream.gateway.SubmitFace;
import io.orderstream.order.Order;
import io.orderstream.order.OrderValidator;
import io.orderstream.proto.v1.CancelOrderRequest;
import io.orderstream.proto.v1.GetOrderRequest;
import io.orderstream.proto.v1.ListOrdersRequest;
import io.orderstream.proto.v1.ListOrdersResponse;
import io.orderstream.proto.v1.OrderServiceGrpc;
import io.orderstream.proto.v1.SubmitOrderRequest;
import io.orderstream.proto.v1.SubmitOrderResponse;
import io.orderstream.proto.v1.WatchOrderRequest;
import io.orderstream.store.OrderStore;
import io.orderstream.watch.Backlog;
import io.orderstream.watch.BroadcastRegistry;
import io.orderstream.watch.Face;
import io.orderstream.watch.Watch;

import io.grpc.BindableService;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;

/**
 * The gRPC face, {@code orderstream.v1.OrderService}. One instance serves both gRPC ports; every
 * call is authenticated by {@link GrpcAuthentication}, which the service binds itself with.
 */
public final class OrderGrpcService implements OrderServiceGrpc.AsyncService, BindableService {
    private final OrderService orders;
    private final BroadcastRegistry registry;
    private final int backlogLimit;
    private final GrpcAuthentication authentication;

    /**
     * Creates the service.
     *
     * @param orders        what the gateway does with orders
     * @param registry      where watches register
     * @param backlogLimit  events a watch may have waiting before it is cut off as too slow
     * @param authenticator who the caller of each call is
     */
    public OrderGrpcService(OrderService orders, BroadcastRegistry registry, int backlogLimit,
                            Authenticator authenticator) {
        this.orders = orders;
        this.registry = registry;
        this.backlogLimit = backlogLimit;
        this.authentication = new GrpcAuthentication(authenticator);
    }

    /**
     * The service's methods behind its authentication: both ports bind the service through this,
     * so neither can serve a call that was not authenticated.
     */
    @Override
    public ServerServiceDefinition bindService() {
        return ServerInterceptors.intercept(OrderServiceGrpc.bindService(this), authentication);
    }

    @Override
    public void submitOrder(SubmitOrderRequest request, StreamObserver<SubmitOrderResponse> observer) {
        unary(observer, () -> {
            OrderStore.Creation creation = orders.submit(GrpcAuthentication.caller(), OrderValidator.validate(
                    request.getTokenIn(), request.getTokenOut(), request.getAmount(), request.getSlippage(),
                    request.getClientOrderId()), SubmitFace.GRPC);
            Order order = creation.order();
            return SubmitOrderResponse.newBuilder()
                    .setOrderId(order.id())
                    .setStatus(ProtoMapper.status(order.status()))
                    .setOrder(ProtoMapper.order(order))
                    .setCreated(creation.created())
                    .build();
        });
    }

    @Override
    public void getOrder(GetOrderRequest request, StreamObserver<io.orderstream.proto.v1.Order> observer) {
        unary(observer, () -> ProtoMapper.order(orders.get(GrpcAuthentication.caller(), request.getOrderId())));
    }

    @Override
    public void listOrders(ListOrdersRequest request, StreamObserver<ListOrdersResponse> observer) {
        unary(observer, () -> {
            // Field violations name fields as REST does (the proto's JSON names).
            OrderListing page = orders.list(GrpcAuthentication.caller(), ProtoMapper.filter(request.getStatus()),
                                            request.getPageSize(), request.getPageToken(), "pageToken");
            ListOrdersResponse.Builder response = ListOrdersResponse.newBuilder()
                    .setNextPageToken(page.nextPageToken());
            page.orders().forEach(order -> response.addOrders(ProtoMapper.order(order)));
            return response.build();
        });
    }

    @Override
    public void cancelOrder(CancelOrderRequest request, StreamObserver<io.orderstream.proto.v1.Order> observer) {
        unary(observer, () -> ProtoMapper.order(orders.cancel(GrpcAuthentication.caller(), request.getOrderId())));
    }

    @Override
    public void watchOrder(WatchOrderRequest request, StreamObserver<io.orderstream.proto.v1.OrderEvent> observer) {
        var call = (ServerCallStreamObserver<io.orderstream.proto.v1.OrderEvent>) observer;
        try {
            Order order = orders.watchable(GrpcAuthentication.caller(), request.getOrderId(), request.getAfterSeq());
            // Both handlers are set before the watch starts sending: grpc-java allows it only here.
            GrpcWatchSink sink = new GrpcWatchSink(call);
            AtomicReference<Watch> watch = new AtomicReference<>();
            call.setOnCancelHandler(() -> {
                Optional.ofNullable(watch.get()).ifPresent(Watch::cancel);
                sink.cancelled();
            });
            watch.set(registry.watch(order, request.getAfterSeq(), Face.GRPC, sink, new Backlog(backlogLimit)));
            if (call.isCancelled()) {
                watch.get().cancel();
                return;
            }
            if (HelidonTransport.current()) {
                holdUntilClosed(sink);
            }
        } catch (RuntimeException e) {
            observer.onError(GrpcErrors.toStatus(e));
        }
    }

    /*
     * Helidon 4.5.0 gives a gRPC call's HTTP/2 stream back (Http2ServerStream's thread ends and
     * the connection stops counting the stream against max-concurrent-streams) only when its
     * handler thread sees the call closed on return from the handler. The watch completes the
     * call later, from its own thread: Helidon's stream thread then stays parked waiting for
     * request data that never comes, and the stream stays counted until the connection closes,
     * so a connection that has watched max-concurrent-streams orders to their end refuses every
     * new call (REFUSED_STREAM). Holding Helidon's handler thread (a virtual thread, one per
     * stream either way) until the call is closed lets Helidon release the stream as it does for
     * a unary call. Not on the Netty port: grpc-java releases streams itself, and holding its
     * call executor would delay the cancel callback. Reproducer: docs/CLIENTS.md.
     */
    private static void holdUntilClosed(GrpcWatchSink sink) {
        try {
            sink.awaitClosed();
        } catch (InterruptedException e) {
            // The server is stopping this stream's thread; the watch is ended by the shutdown.
            Thread.currentThread().interrupt();
        }
    }

    private static <T> void unary(StreamObserver<T> observer, Supplier<T> call) {
        T response;
        try {
            response = call.get();
        } catch (RuntimeException e) {
            observer.onError(GrpcErrors.toStatus(e));
            return;
        }
        observer.onNext(response);
        observer.onCompleted();
    }
}
