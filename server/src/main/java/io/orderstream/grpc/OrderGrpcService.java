package io.orderstream.grpc;

import java.util.function.Consumer;
import java.util.function.Supplier;

import io.orderstream.auth.Authenticator;
import io.orderstream.desk.OrderDesk;
import io.orderstream.desk.OrderListing;
import io.orderstream.desk.Submission;
import io.orderstream.desk.SubmitFace;
import io.orderstream.limits.Limits;
import io.orderstream.limits.Slot;
import io.orderstream.order.Order;
import io.orderstream.order.OrderValidator;
import io.orderstream.proto.v1.CancelOrderRequest;
import io.orderstream.proto.v1.GetOrderRequest;
import io.orderstream.proto.v1.ListOrdersRequest;
import io.orderstream.proto.v1.ListOrdersResponse;
import io.orderstream.proto.v1.OrderServiceGrpc;
import io.orderstream.proto.v1.ReplayOrderRequest;
import io.orderstream.proto.v1.SubmitOrderRequest;
import io.orderstream.proto.v1.SubmitOrderResponse;
import io.orderstream.proto.v1.WatchOrderRequest;
import io.orderstream.tracing.Traced;
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
 * call is authenticated by {@link GrpcAuthentication}, which the service binds itself with, as it
 * binds {@link TraceMetadata}, which lets a submit continue its caller's trace.
 */
public final class OrderGrpcService implements OrderServiceGrpc.AsyncService, BindableService {
    private final OrderDesk desk;
    private final BroadcastRegistry registry;
    private final int backlogLimit;
    private final Limits limits;
    private final GrpcAuthentication authentication;
    private final TraceMetadata traceMetadata = new TraceMetadata();

    /**
     * Creates the service.
     *
     * @param desk          the use cases of orders
     * @param registry      where watches register
     * @param backlogLimit  events a watch may have waiting before it is cut off as too slow
     * @param authenticator who the caller of each call is
     * @param limits        whom each call counts against, and how many watches each caller may have
     */
    public OrderGrpcService(OrderDesk desk, BroadcastRegistry registry, int backlogLimit,
                            Authenticator authenticator, Limits limits) {
        this.desk = desk;
        this.registry = registry;
        this.backlogLimit = backlogLimit;
        this.limits = limits;
        this.authentication = new GrpcAuthentication(authenticator, limits);
    }

    /**
     * The service's methods behind its authentication: both ports bind the service through this,
     * so neither can serve a call that was not authenticated.
     */
    @Override
    public ServerServiceDefinition bindService() {
        return ServerInterceptors.intercept(OrderServiceGrpc.bindService(this), authentication, traceMetadata);
    }

    @Override
    public void submitOrder(SubmitOrderRequest request, StreamObserver<SubmitOrderResponse> observer) {
        // One span around the submit and its answer, continuing the caller's trace.
        try (Traced span = TraceMetadata.incoming("orderstream.v1.OrderService/SubmitOrder")) {
            unary(observer, () -> {
                Submission submission = desk.submit(GrpcAuthentication.caller(),
                        limits.submits(GrpcAuthentication.quota()),
                        OrderValidator.validate(request.getTokenIn(), request.getTokenOut(), request.getAmount(),
                                                request.getSlippage(), request.getClientOrderId()), SubmitFace.GRPC);
                Order order = submission.order();
                span.attribute(Traced.ORDER_ID, order.id());
                return SubmitOrderResponse.newBuilder()
                        .setOrderId(order.id())
                        .setStatus(ProtoMapper.status(order.status()))
                        .setOrder(ProtoMapper.order(order))
                        .setCreated(submission.created())
                        .build();
            }, span::fail);
        }
    }

    @Override
    public void getOrder(GetOrderRequest request, StreamObserver<io.orderstream.proto.v1.Order> observer) {
        unary(observer, () -> ProtoMapper.order(desk.get(GrpcAuthentication.caller(), request.getOrderId())));
    }

    @Override
    public void listOrders(ListOrdersRequest request, StreamObserver<ListOrdersResponse> observer) {
        unary(observer, () -> {
            // Field violations name fields as REST does (the proto's JSON names).
            OrderListing page = desk.list(GrpcAuthentication.caller(), ProtoMapper.filter(request.getStatus()),
                                          ProtoMapper.filter(request.getFailureCode()), request.getPageSize(),
                                          request.getPageToken(), "pageToken");
            ListOrdersResponse.Builder response = ListOrdersResponse.newBuilder()
                    .setNextPageToken(page.nextPageToken());
            page.orders().forEach(order -> response.addOrders(ProtoMapper.order(order)));
            return response.build();
        });
    }

    @Override
    public void cancelOrder(CancelOrderRequest request, StreamObserver<io.orderstream.proto.v1.Order> observer) {
        unary(observer, () -> ProtoMapper.order(desk.cancel(GrpcAuthentication.caller(), request.getOrderId())));
    }

    @Override
    public void replayOrder(ReplayOrderRequest request, StreamObserver<io.orderstream.proto.v1.Order> observer) {
        unary(observer, () -> ProtoMapper.order(desk.replay(GrpcAuthentication.caller(), request.getOrderId())));
    }

    @Override
    public void watchOrder(WatchOrderRequest request, StreamObserver<io.orderstream.proto.v1.OrderEvent> observer) {
        var call = (ServerCallStreamObserver<io.orderstream.proto.v1.OrderEvent>) observer;
        Slot slot = Slot.NONE;
        try {
            Order order = desk.watchable(GrpcAuthentication.caller(), request.getOrderId(), request.getAfterSeq());
            slot = limits.watch(GrpcAuthentication.quota());
            // Both handlers are set before the watch starts sending: grpc-java allows it only here.
            GrpcWatchSink sink = new GrpcWatchSink(call, slot);
            call.setOnCancelHandler(sink::cancelled);
            Watch watch = registry.watch(order, request.getAfterSeq(), Face.GRPC, sink, new Backlog(backlogLimit));
            sink.watching(watch);
            if (call.isCancelled()) {
                watch.cancel();
                return;
            }
            if (HelidonTransport.current()) {
                holdUntilClosed(sink);
            }
        } catch (RuntimeException e) {
            // The watch did not start (or the sink has given its place back already).
            slot.close();
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
        unary(observer, call, failure -> { });
    }

    private static <T> void unary(StreamObserver<T> observer, Supplier<T> call, Consumer<RuntimeException> failed) {
        T response;
        try {
            response = call.get();
        } catch (RuntimeException e) {
            failed.accept(e);
            observer.onError(GrpcErrors.toStatus(e));
            return;
        }
        observer.onNext(response);
        observer.onCompleted();
    }
}
