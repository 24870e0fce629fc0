package io.orderstream.server;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.IntSupplier;

import io.orderstream.engine.Worker;
import io.orderstream.gateway.OrderService;
import io.orderstream.gateway.PageTokens;
import io.orderstream.grpc.HelidonTransport;
import io.orderstream.grpc.NettyGrpcServer;
import io.orderstream.grpc.OrderGrpcService;
import io.orderstream.http.AcceptCap;
import io.orderstream.http.ClientFaultLog;
import io.orderstream.http.ListenerSupervisor;
import io.orderstream.http.RequestDeadline;
import io.orderstream.http.RequestLineScreen;
import io.orderstream.net.DescriptorBudget;
import io.orderstream.net.VirtualThreadPoller;
import io.orderstream.rest.OrderHttpService;
import io.orderstream.rest.ProblemMapper;
import io.orderstream.watch.BroadcastRegistry;
import io.orderstream.worker.Backend;
import io.orderstream.worker.Engine;
import io.orderstream.ws.WebSockets;
import io.orderstream.ws.WsSessions;

import io.helidon.config.Config;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.grpc.GrpcReflectionFeature;
import io.helidon.webserver.grpc.GrpcRouting;
import io.helidon.webserver.grpc.GrpcServiceDescriptor;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http1.Http1Config;
import io.helidon.webserver.observe.ObserveFeature;
import io.helidon.webserver.observe.health.HealthObserver;
import io.helidon.webserver.observe.metrics.MetricsObserver;
import io.helidon.webserver.staticcontent.StaticContentService;

import io.grpc.BindableService;
import io.grpc.protobuf.services.HealthStatusManager;

/**
 * One gateway: the backend, an optional in-process worker, the broadcast registry, and the
 * faces over them (REST, WebSocket and gRPC on the Helidon port; gRPC again on the Netty port).
 * Everything it starts it stops in {@link #close()}, in reverse order; tests start exactly
 * what {@link Main} starts.
 */
public final class Gateway implements AutoCloseable {
    private final Deque<AutoCloseable> resources;
    private final ListenerSupervisor server;
    private final NettyGrpcServer netty;
    private final BroadcastRegistry registry;
    private final WsSessions sessions;

    private Gateway(Deque<AutoCloseable> resources, ListenerSupervisor server, NettyGrpcServer netty,
                    BroadcastRegistry registry, WsSessions sessions) {
        this.resources = resources;
        this.server = server;
        this.netty = netty;
        this.registry = registry;
        this.sessions = sessions;
    }

    /**
     * Starts a gateway from the root configuration ({@code server.*}, {@code orderstream.*}).
     *
     * @param config root config
     * @return the running gateway
     */
    public static Gateway start(Config config) {
        Deque<AutoCloseable> opened = new ArrayDeque<>();
        try {
            return start(config, opened);
        } catch (RuntimeException | Error e) {
            closeAll(opened);
            throw e;
        }
    }

    private static Gateway start(Config config, Deque<AutoCloseable> opened) {
        ClientFaultLog.install();
        VirtualThreadPoller.startNow();
        Config orderstream = config.get("orderstream");
        // First: a secret too short refuses the start before anything opens.
        PageTokens pageTokens = PageTokens.create(orderstream.get("cursor.secret").asString().asOptional()
                                                          .filter(secret -> !secret.isBlank()));
        Backend backend = push(opened, Backend.open(orderstream));
        Optional<Worker> worker = Optional.empty();
        if (orderstream.get("worker.enabled").asBoolean().orElse(true)) {
            worker = Optional.of(push(opened, Engine.worker(orderstream, backend).start()));
            // Beside the worker, as in a worker process; a gateway without a worker leaves retention to the workers.
            Engine.retention(orderstream, backend).ifPresent(sweep -> push(opened, sweep.start()));
        }
        OrderService orders = new OrderService(backend.store(), backend.events(), backend.signal(), pageTokens);
        Config watch = orderstream.get("watch");
        int backlog = watch.get("buffer").asInt().orElse(256);
        BroadcastRegistry registry = push(opened, new BroadcastRegistry(
                backend.store(), backend.bus(),
                Duration.ofSeconds(watch.get("idle.check.seconds").asLong().orElse(10L))));
        WsSessions sessions = push(opened, new WsSessions(
                Duration.ofSeconds(orderstream.get("ws.ping.seconds").asLong().orElse(15L))));

        OrderGrpcService grpc = new OrderGrpcService(orders, registry, backlog);
        HealthStatusManager grpcHealth = new HealthStatusManager();
        List<BindableService> grpcServices = List.of(grpc, grpcHealth.getHealthService());
        Optional<Worker> inProcessWorker = worker;
        IntSupplier ordersInFlight = () -> inProcessWorker.map(Worker::inFlight).orElse(0);
        HealthHttpService health = new HealthHttpService(registry, sessions, backend.claims(), ordersInFlight);
        push(opened, new GatewayMetrics(registry, sessions, ordersInFlight));

        RequestDeadline deadline = push(opened, new RequestDeadline(Duration.ofSeconds(
                orderstream.get("http.request.timeout.seconds").asLong().orElse(10L))));
        AcceptCap acceptCap = new AcceptCap();
        // A builder per call: the supervisor builds the server again if its listener dies.
        ListenerSupervisor server = push(opened, ListenerSupervisor.start(() -> WebServer.builder()
                .config(config.get("server"))
                .update(acceptCap::install)
                .addProtocol(Http1Config.builder()
                                     .config(config.get("server.protocols.http_1_1"))
                                     .addReceiveListener(deadline)
                                     .addSendListener(deadline)
                                     .build())
                .addFeature(ObserveFeature.just(HealthObserver.create(observer -> observer.details(true)),
                                                MetricsObserver.create()))
                .addFeature(GrpcReflectionFeature.create(reflection -> reflection.enabled(true)))
                .directHandlers(ProblemMapper.directHandlers())
                .addConnectionSelector(RequestLineScreen.create())
                .routing(http -> routing(http, orders, health))
                .addRouting(grpcRouting(grpcServices))
                .addRouting(WebSockets.routing(orders, registry, sessions, backlog,
                                               orderstream.get("ws.max.subscriptions").asInt().orElse(1000))),
                Duration.ofSeconds(1)));
        int grpcConnections = orderstream.get("grpc.max.connections").asInt().orElse(1000);
        NettyGrpcServer netty = push(opened, NettyGrpcServer.start(
                orderstream.get("grpc.host").asString().orElse(server.server().prototype().host()),
                orderstream.get("grpc.port").asInt().orElse(9090),
                orderstream.get("grpc.send.buffer.bytes").asInt().asOptional(),
                grpcConnections,
                grpcServices));
        DescriptorBudget.check(acceptCap.max(), grpcConnections);
        // Closing goes in reverse: the faces first, so nothing new arrives while the rest stops.
        return new Gateway(opened, server, netty, registry, sessions);
    }

    /**
     * The HTTP routes: one screen.
     *
     * @param http   routing builder
     * @param orders the order service
     * @param health the {@code /health} service
     */
    static void routing(HttpRouting.Builder http, OrderService orders, HealthHttpService health) {
        http.register("/api/orders", new OrderHttpService(orders))
                .register("/health", health)
                .register("/", StaticContentService.builder("web").welcomeFileName("index.html").build());
        ProblemMapper.register(http);
    }

    private static GrpcRouting.Builder grpcRouting(List<BindableService> services) {
        // The service tells Helidon's calls from Netty's to work around a Helidon stream leak.
        GrpcRouting.Builder grpcRouting = GrpcRouting.builder().intercept(new HelidonTransport());
        // Registered as descriptors: reflection can then describe them (grpcurl needs no .proto).
        services.forEach(service -> grpcRouting.service(GrpcServiceDescriptor.builder(service).build()));
        return grpcRouting;
    }

    /**
     * Port of REST, WebSocket and gRPC (Helidon).
     *
     * @return port
     */
    public int port() {
        return server.port();
    }

    /**
     * Port of gRPC over Netty, for C-core clients.
     *
     * @return port
     */
    public int grpcPort() {
        return netty.port();
    }

    /**
     * Stops everything this gateway started. Watchers are told first (WebSocket 1001, gRPC
     * UNAVAILABLE) while the transports still run, then the rest stops, newest first.
     */
    @Override
    public void close() {
        registry.close();
        sessions.close();
        // Closed above, ahead of their turn: the rest goes newest first without them.
        resources.removeIf(resource -> resource == registry || resource == sessions);
        closeAll(resources);
    }

    private static <T extends AutoCloseable> T push(Deque<AutoCloseable> opened, T resource) {
        opened.push(resource);
        return resource;
    }

    private static void closeAll(Deque<AutoCloseable> opened) {
        RuntimeException failure = null;
        while (!opened.isEmpty()) {
            try {
                opened.pop().close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new IllegalStateException("Stopping the gateway failed", e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
