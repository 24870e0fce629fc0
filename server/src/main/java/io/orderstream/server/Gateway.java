package io.orderstream.server;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.IntSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.orderstream.auth.AnonymousAccess;
import io.orderstream.auth.Authenticator;
import io.orderstream.auth.ObserveAccess;
import io.orderstream.engine.Worker;
import io.orderstream.gateway.OrderMeters;
import io.orderstream.gateway.OrderService;
import io.orderstream.gateway.PageTokens;
import io.orderstream.grpc.HelidonRefusedMessages;
import io.orderstream.grpc.HelidonStatusMessages;
import io.orderstream.grpc.HelidonTransport;
import io.orderstream.grpc.NettyGrpcServer;
import io.orderstream.grpc.OrderGrpcService;
import io.orderstream.grpc.UnreadableRequests;
import io.orderstream.http.AcceptCap;
import io.orderstream.http.ClientFaultLog;
import io.orderstream.http.CrossOrigin;
import io.orderstream.http.ListenerSupervisor;
import io.orderstream.http.RequestDeadline;
import io.orderstream.http.RequestLineScreen;
import io.orderstream.http.SecurityHeaders;
import io.orderstream.metrics.MeterSet;
import io.orderstream.net.DescriptorBudget;
import io.orderstream.net.VirtualThreadPoller;
import io.orderstream.rest.OrderHttpService;
import io.orderstream.rest.ProblemMapper;
import io.orderstream.watch.BroadcastRegistry;
import io.orderstream.watch.Deliveries;
import io.orderstream.worker.Backend;
import io.orderstream.worker.Engine;
import io.orderstream.worker.EngineSettings;
import io.orderstream.worker.ObserveEndpoints;
import io.orderstream.ws.WebSockets;
import io.orderstream.ws.WsSessions;

import io.helidon.webserver.grpc.GrpcReflectionFeature;
import io.helidon.webserver.grpc.GrpcRouting;
import io.helidon.webserver.grpc.GrpcServiceDescriptor;
import io.helidon.webserver.http.HttpRouting;
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
     * Starts a gateway.
     *
     * @param settings what {@link GatewaySettings#create} read from the configuration
     * @return the running gateway
     */
    public static Gateway start(GatewaySettings settings) {
        Deque<AutoCloseable> opened = new ArrayDeque<>();
        try {
            return start(settings, opened);
        } catch (RuntimeException | Error e) {
            closeAll(opened);
            throw e;
        }
    }

    private static Gateway start(GatewaySettings settings, Deque<AutoCloseable> opened) {
        ClientFaultLog.install();
        VirtualThreadPoller.startNow();
        // First: a secret too short, unreadable keys or anonymous access from the network refuse
        // the start before anything opens.
        PageTokens pageTokens = PageTokens.create(settings.cursorSecret());
        Authenticator authenticator = Authenticator.create(settings.auth());
        String host = settings.http().listener().host();
        String grpcHost = settings.grpc().host().orElse(host);
        AnonymousAccess.check(settings.auth(), List.of(host, grpcHost));
        Backend backend = push(opened, Backend.open(settings.backend()));
        // Closed after everything that records on it.
        MeterSet meters = push(opened, new MeterSet());
        Optional<Worker> worker = Optional.empty();
        if (settings.worker().isPresent()) {
            EngineSettings engine = settings.worker().get();
            worker = Optional.of(push(opened, Engine.worker(engine, backend, meters).start()));
            // Beside the worker, as in a worker process; a gateway without a worker leaves retention to the workers.
            Engine.retention(engine, backend).ifPresent(sweep -> push(opened, sweep.start()));
        }
        OrderService orders = new OrderService(backend.store(), backend.events(), backend.signal(), pageTokens,
                                               new OrderMeters(meters));
        int backlog = settings.watch().backlog();
        BroadcastRegistry registry = push(opened, new BroadcastRegistry(
                backend.store(), backend.bus(), settings.watch().idleCheck(), new Deliveries(meters)));
        WsSessions sessions = push(opened, new WsSessions(settings.webSockets().ping()));

        OrderGrpcService grpc = new OrderGrpcService(orders, registry, backlog, authenticator);
        HealthStatusManager grpcHealth = new HealthStatusManager();
        int maxRequestBytes = NettyGrpcServer.MAX_INBOUND_MESSAGE_BYTES;
        List<BindableService> grpcServices = Stream.of(grpc, grpcHealth.getHealthService())
                .map(service -> UnreadableRequests.answered(service, maxRequestBytes))
                .<BindableService>map(definition -> () -> definition)
                .toList();
        Optional<Worker> inProcessWorker = worker;
        IntSupplier ordersInFlight = () -> inProcessWorker.map(Worker::inFlight).orElse(0);
        HealthHttpService health = new HealthHttpService(registry, sessions, backend.claims(), ordersInFlight);
        GatewayMetrics.register(meters, registry, sessions);

        RequestDeadline deadline = push(opened, new RequestDeadline(settings.http().requestTimeout()));
        AcceptCap acceptCap = new AcceptCap();
        // A builder per call: the supervisor builds the server again if its listener dies.
        ListenerSupervisor server = push(opened, ListenerSupervisor.start(() -> settings.http().listener()
                .update(acceptCap::install)
                .addProtocol(settings.http().http1()
                                     .addReceiveListener(deadline)
                                     .addSendListener(deadline)
                                     .build())
                // Helidon sets aside a buffer of a message's announced size before reading it (2 MiB
                // at most by default, per stream). Twice the limit: a message a little over it is
                // read and then refused cleanly; see HelidonRefusedMessages.
                .addProtocol(settings.http().webSocket().build())
                .addProtocol(settings.http().grpc()
                                     .maxReadBufferSize(2 * maxRequestBytes)
                                     .build())
                .addFeature(ObserveEndpoints.feature(backend.dependencies()))
                .addFeature(GrpcReflectionFeature.create(reflection -> reflection.enabled(true)))
                .directHandlers(ProblemMapper.directHandlers())
                .addConnectionSelector(RequestLineScreen.create())
                .routing(http -> routing(http, orders, health, authenticator, settings.http()))
                .addRouting(grpcRouting(grpcServices, maxRequestBytes))
                .addRouting(WebSockets.routing(orders, registry, sessions, backlog,
                                               settings.webSockets().maxSubscriptions(), authenticator)),
                Duration.ofSeconds(1)));
        GrpcSettings grpcSettings = settings.grpc();
        NettyGrpcServer netty = push(opened, NettyGrpcServer.start(
                grpcHost,
                grpcSettings.port(),
                grpcSettings.sendBufferBytes(),
                grpcSettings.maxConnections(),
                grpcServices));
        DescriptorBudget.check(acceptCap.max(), grpcSettings.maxConnections());
        // Closing goes in reverse: the faces first, so nothing new arrives while the rest stops.
        return new Gateway(opened, server, netty, registry, sessions);
    }

    /**
     * The HTTP routes: one screen.
     *
     * @param http          routing builder
     * @param orders        the order service
     * @param health        the {@code /health} service
     * @param authenticator who calls the order API
     * @param web           the gateway's public URL and the browser origins it allows
     */
    static void routing(HttpRouting.Builder http, OrderService orders, HealthHttpService health,
                        Authenticator authenticator, HttpSettings web) {
        http.register("/api/orders", new OrderHttpService(orders, authenticator, web.publicUrl()))
                .register("/health", health)
                .register("/", StaticContentService.builder("web").welcomeFileName("index.html").build());
        http.addFilter(new SecurityHeaders());
        http.addFilter(new ObserveAccess(authenticator));
        http.addFilter(new CrossOrigin(web.allowedOrigins().stream().map(WebSockets::browserOrigin)
                                               .collect(Collectors.toSet())));
        WebSockets.checkOrigins(http, web.allowedOrigins(), web.publicUrl());
        WebSockets.authenticateUpgrades(http, authenticator);
        ProblemMapper.register(http);
    }

    private static GrpcRouting.Builder grpcRouting(List<BindableService> services, int maxRequestBytes) {
        // Each works around a Helidon 4.5.0 issue on this port: HelidonTransport lets the service
        // tell Helidon's calls from Netty's (a stream leak), HelidonRefusedMessages answers a
        // request Helidon will not read, HelidonStatusMessages encodes status descriptions.
        GrpcRouting.Builder grpcRouting = GrpcRouting.builder()
                .intercept(new HelidonTransport())
                .intercept(new HelidonRefusedMessages(maxRequestBytes))
                .intercept(new HelidonStatusMessages());
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
