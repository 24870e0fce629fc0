package io.orderstream.server;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntSupplier;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.orderstream.auth.AnonymousAccess;
import io.orderstream.auth.Authenticator;
import io.orderstream.auth.ObserveAccess;
import io.orderstream.desk.OrderDesk;
import io.orderstream.desk.OrderMeters;
import io.orderstream.desk.PageTokens;
import io.orderstream.engine.Worker;
import io.orderstream.grpc.HelidonGrpcRouting;
import io.orderstream.grpc.NettyGrpcServer;
import io.orderstream.grpc.OrderGrpcService;
import io.orderstream.grpc.UnreadableRequests;
import io.orderstream.http.AcceptCap;
import io.orderstream.http.ClientFaultLog;
import io.orderstream.http.CrossOrigin;
import io.orderstream.http.ListenerSupervisor;
import io.orderstream.http.LiteralPathRefusals;
import io.orderstream.http.RequestDeadline;
import io.orderstream.http.RequestLineScreen;
import io.orderstream.http.SecurityHeaders;
import io.orderstream.limits.Limits;
import io.orderstream.metrics.MeterSet;
import io.orderstream.net.DescriptorBudget;
import io.orderstream.net.VirtualThreadPoller;
import io.orderstream.rest.OrderHttpService;
import io.orderstream.rest.ProblemMapper;
import io.orderstream.tls.TlsIdentity;
import io.orderstream.tracing.Tracing;
import io.orderstream.watch.BroadcastRegistry;
import io.orderstream.watch.Deliveries;
import io.orderstream.worker.Backend;
import io.orderstream.worker.Draining;
import io.orderstream.worker.Engine;
import io.orderstream.worker.EngineSettings;
import io.orderstream.worker.ObserveEndpoints;
import io.orderstream.ws.WebSockets;
import io.orderstream.ws.WsSessions;

import io.helidon.common.tls.Tls;
import io.helidon.webserver.grpc.GrpcReflectionFeature;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.staticcontent.StaticContentService;

import io.grpc.BindableService;
import io.grpc.protobuf.services.HealthStatusManager;

/**
 * One gateway: the backend, an optional in-process worker, the broadcast registry, and the
 * faces over them (REST, WebSocket and gRPC on the Helidon port; gRPC again on the Netty port).
 * Everything it starts it stops in {@link #close()}, after a drain, in reverse order; tests
 * start exactly what {@link Main} starts.
 */
public final class Gateway implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Gateway.class.getName());

    private final Deque<AutoCloseable> resources;
    private final ListenerSupervisor server;
    private final NettyGrpcServer netty;
    private final BroadcastRegistry registry;
    private final WsSessions sessions;
    private final Optional<Worker> worker;
    private final Draining draining;
    private final Duration drainTimeout;
    private final AtomicBoolean closed = new AtomicBoolean();

    private Gateway(Deque<AutoCloseable> resources, ListenerSupervisor server, NettyGrpcServer netty,
                    BroadcastRegistry registry, WsSessions sessions, Optional<Worker> worker, Draining draining,
                    Duration drainTimeout) {
        this.resources = resources;
        this.server = server;
        this.netty = netty;
        this.registry = registry;
        this.sessions = sessions;
        this.worker = worker;
        this.draining = draining;
        this.drainTimeout = drainTimeout;
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
        // First: a secret too short, unreadable keys, a TLS key that is not the certificate's or
        // anonymous access from the network refuse the start before anything opens.
        PageTokens pageTokens = PageTokens.create(settings.cursorSecret());
        Authenticator authenticator = Authenticator.create(settings.auth());
        Optional<TlsIdentity> tls = TlsIdentity.load(settings.tls());
        Optional<Tls> helidonTls = tls.map(TlsIdentity::helidonTls);
        String host = settings.http().listener().host();
        String grpcHost = settings.grpc().host().orElse(host);
        AnonymousAccess.check(settings.auth(), List.of(host, grpcHost));
        // Closed last: what the rest does while it stops is still traced, and then exported.
        push(opened, Tracing.start(settings.tracing(), "orderstream-gateway"));
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
        Limits limits = Limits.create(settings.limits(), settings.auth(), settings.backend(), backend.redis(), meters);
        OrderDesk desk = new OrderDesk(backend.store(), backend.events(), backend.signal(), pageTokens,
                                       new OrderMeters(meters));
        int backlog = settings.watch().backlog();
        BroadcastRegistry registry = push(opened, new BroadcastRegistry(
                backend.store(), backend.bus(), settings.watch().idleCheck(), new Deliveries(meters)));
        WsSessions sessions = push(opened, new WsSessions(settings.webSockets().ping()));

        OrderGrpcService grpc = new OrderGrpcService(desk, registry, backlog, authenticator, limits);
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
        Draining draining = new Draining();
        // A builder per call: the supervisor builds the server again if its listener dies. No
        // Helidon shutdown hook: it would stop the listener at SIGTERM, before the drain in close().
        ListenerSupervisor server = push(opened, ListenerSupervisor.start(() -> settings.http().listener()
                .shutdownHook(false)
                .update(acceptCap::install)
                .update(listener -> helidonTls.ifPresent(listener::tls))
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
                .addFeature(ObserveEndpoints.feature(backend.dependencies(), draining))
                .addFeature(ApiDescription.feature())
                .addFeature(GrpcReflectionFeature.create(reflection -> reflection.enabled(true)))
                .directHandlers(ProblemMapper.directHandlers())
                .addConnectionSelector(RequestLineScreen.create())
                .routing(http -> routing(http, desk, health, authenticator, limits, settings.http(), draining))
                .addRouting(HelidonGrpcRouting.of(grpcServices, maxRequestBytes))
                .addRouting(WebSockets.routing(desk, registry, sessions, backlog,
                                               settings.webSockets().maxSubscriptions(), authenticator, limits)),
                Duration.ofSeconds(1)));
        GrpcSettings grpcSettings = settings.grpc();
        NettyGrpcServer netty = push(opened, NettyGrpcServer.start(
                grpcHost,
                grpcSettings.port(),
                grpcSettings.sendBufferBytes(),
                grpcSettings.maxConnections(),
                tls,
                grpcServices));
        push(opened, LiteralPathRefusals.register(server.port(), netty.port()));
        DescriptorBudget.check(acceptCap.max(), grpcSettings.maxConnections());
        // Closing goes in reverse: the faces first, so nothing new arrives while the rest stops.
        return new Gateway(opened, server, netty, registry, sessions, worker, draining, settings.drain().timeout());
    }

    /**
     * The HTTP routes: one screen.
     *
     * @param http          routing builder
     * @param desk          the use cases of orders
     * @param health        the {@code /health} service
     * @param authenticator who calls the order API
     * @param limits        whom each request counts against
     * @param web           the gateway's public URL and the browser origins it allows
     * @param draining      set when the gateway is asked to stop
     */
    static void routing(HttpRouting.Builder http, OrderDesk desk, HealthHttpService health,
                        Authenticator authenticator, Limits limits, HttpSettings web, Draining draining) {
        http.register("/api/orders", new OrderHttpService(desk, authenticator, limits, web.publicUrl()))
                .register("/health", health)
                .register("/", StaticContentService.builder("web").welcomeFileName("index.html").build());
        http.addFilter(new SecurityHeaders());
        http.addFilter(new ObserveAccess(authenticator));
        http.addFilter(new CrossOrigin(web.allowedOrigins().stream().map(WebSockets::browserOrigin)
                                               .collect(Collectors.toSet())));
        WebSockets.checkOrigins(http, web.allowedOrigins(), web.publicUrl());
        WebSockets.authenticateUpgrades(http, authenticator);
        WebSockets.refuseUpgradesWhileDraining(http, draining);
        ProblemMapper.register(http);
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
     * Drains, then stops everything this gateway started, newest first. Draining: readiness goes
     * DOWN and WebSocket upgrades are refused (503); the Netty port sends GOAWAY, so clients open
     * new calls elsewhere; watchers are told to reconnect and resume by seq (WebSocket 1012, gRPC
     * UNAVAILABLE) while the transports still run; the in-process worker claims nothing more and
     * its executions get what is left of the drain time to end. Only the first call does anything.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        long started = System.nanoTime();
        draining.start();
        netty.stopAccepting();
        registry.close();
        sessions.close();
        Duration left = drainTimeout.minusNanos(System.nanoTime() - started);
        int handedBack = worker.map(running -> running.drain(left.isNegative() ? Duration.ZERO : left)).orElse(0);
        LOG.info("Drained in " + (System.nanoTime() - started) / 1_000_000 + " ms"
                         + (worker.isPresent() ? "; orders handed back unfinished: " + handedBack : ""));
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
