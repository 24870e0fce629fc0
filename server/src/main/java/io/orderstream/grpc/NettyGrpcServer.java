package io.orderstream.grpc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import io.orderstream.tls.TlsIdentity;

import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.channel.ChannelOption;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.grpc.protobuf.services.ProtoReflectionService;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;

/**
 * The same gRPC services on a second port, over grpc-java's Netty transport, for clients built
 * on gRPC's C core (Python grpcio, Ruby, C++, PHP), whose literal {@code :path} header Helidon's
 * HTTP/2 decoder refuses. Same service instances, so the same broadcast registry.
 */
public final class NettyGrpcServer implements AutoCloseable {
    /** Calls one connection may have open at once, as on the Helidon port. */
    static final int MAX_CONCURRENT_CALLS = 1000;
    /**
     * A request message larger than this is refused with RESOURCE_EXHAUSTED, on this port and on
     * the Helidon port; orders are a few hundred bytes.
     */
    public static final int MAX_INBOUND_MESSAGE_BYTES = 64 * 1024;
    // Rapid reset (CVE-2023-44487): Helidon's own limit is 50 resets per 10 s on a connection.
    private static final int MAX_RST_FRAMES = 50;
    private static final int RST_WINDOW_SECONDS = 10;

    private final Server server;
    private final ExecutorService executor;
    private final EventLoops eventLoops;

    private NettyGrpcServer(Server server, ExecutorService executor, EventLoops eventLoops) {
        this.server = server;
        this.executor = executor;
        this.eventLoops = eventLoops;
    }

    /**
     * Starts the server.
     *
     * @param host           address to bind
     * @param port           port, 0 for any free one
     * @param sendBuffer     socket send buffer in bytes, or empty for the system's default
     * @param maxConnections most connections open at once; one accepted past them is closed at once
     * @param tls            the identity to serve TLS with (ALPN {@code h2}), or empty for plaintext
     * @param services       the services to serve, besides reflection
     * @return the running server
     */
    public static NettyGrpcServer start(String host, int port, Optional<Integer> sendBuffer, int maxConnections,
                                        Optional<TlsIdentity> tls, List<BindableService> services) {
        // Before anything is opened: a key Netty cannot use refuses the start with nothing to close.
        Optional<SslContext> sslContext = tls.map(NettyGrpcServer::sslContext);
        ChannelCap cap = new ChannelCap(maxConnections);
        // Calls run on virtual threads rather than grpc-java's default unbounded platform pool:
        // a call that blocks on the store then costs no platform thread. How many run at once is
        // bounded by the connections and MAX_CONCURRENT_CALLS per connection.
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        EventLoops eventLoops = EventLoops.create(cap);
        NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress(host, port))
                .channelFactory(eventLoops.listeners())
                .bossEventLoopGroup(eventLoops.boss())
                .workerEventLoopGroup(eventLoops.workers())
                .executor(executor)
                .maxConcurrentCallsPerConnection(MAX_CONCURRENT_CALLS)
                .maxInboundMessageSize(MAX_INBOUND_MESSAGE_BYTES)
                .maxRstFramesPerWindow(MAX_RST_FRAMES, RST_WINDOW_SECONDS)
                // Accept client keepalive pings as often as every 10 s, also on idle connections.
                .permitKeepAliveTime(10, TimeUnit.SECONDS)
                .permitKeepAliveWithoutCalls(true)
                .addService(ProtoReflectionServiceV1.newInstance())
                // The older v1alpha protocol too: some tools (older grpcurl, Postman) speak only that.
                .addService(ProtoReflectionService.newInstance());
        sendBuffer.ifPresent(bytes -> builder.withChildOption(ChannelOption.SO_SNDBUF, bytes));
        sslContext.ifPresent(builder::sslContext);
        services.forEach(builder::addService);
        try {
            return new NettyGrpcServer(builder.build().start(), executor, eventLoops);
        } catch (IOException e) {
            executor.shutdownNow();
            eventLoops.close();
            throw new UncheckedIOException("Cannot start the gRPC server on " + host + ":" + port, e);
        }
    }

    /** The same key and chain as the Helidon port's, with gRPC's ALPN and cipher choices. */
    private static SslContext sslContext(TlsIdentity identity) {
        try {
            return GrpcSslContexts.configure(SslContextBuilder.forServer(
                    identity.privateKey(), identity.certificateChain().toArray(X509Certificate[]::new))).build();
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("The gRPC port cannot serve TLS with " + identity + ": " + e);
        }
    }

    /**
     * The port it listens on.
     *
     * @return port
     */
    public int port() {
        return server.getPort();
    }

    /**
     * Stops taking calls: each connection is sent a GOAWAY, so its client opens new calls
     * elsewhere, while the calls in flight go on until they end or {@link #close()}.
     */
    public void stopAccepting() {
        server.shutdown();
    }

    /** Stops taking calls and ends those in flight after a short grace period. */
    @Override
    public void close() {
        server.shutdown();
        try {
            if (!server.awaitTermination(2, TimeUnit.SECONDS)) {
                server.shutdownNow().awaitTermination(2, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            server.shutdownNow();
            Thread.currentThread().interrupt();
        } finally {
            executor.shutdownNow();
            eventLoops.close();
        }
    }
}
