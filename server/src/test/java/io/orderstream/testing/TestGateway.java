package io.orderstream.testing;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import io.orderstream.server.Gateway;
import io.orderstream.server.GatewaySettings;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;

/**
 * A real gateway for tests: the production {@link Gateway} on free loopback ports, with its own
 * in-memory H2 database and instant, failure-free mock DEXs unless a test says otherwise.
 */
public final class TestGateway implements AutoCloseable {
    private final Gateway gateway;
    // Channels handed out, shut down when the gateway closes.
    private final List<ManagedChannel> channels = new CopyOnWriteArrayList<>();

    private TestGateway(Gateway gateway) {
        this.gateway = gateway;
    }

    /**
     * Starts a gateway with test defaults.
     *
     * @return running gateway
     */
    public static TestGateway start() {
        return start(Map.of());
    }

    /**
     * Starts a gateway with test defaults, overridden by {@code overrides} (flat config keys).
     *
     * @param overrides e.g. {@code orderstream.dex.latency.scale=0.1}
     * @return running gateway
     */
    public static TestGateway start(Map<String, String> overrides) {
        Map<String, String> settings = new HashMap<>();
        settings.put("server.port", "0");
        settings.put("server.host", "127.0.0.1");
        settings.put("orderstream.grpc.port", "0");
        settings.put("orderstream.db.url", "jdbc:h2:mem:test-" + UUID.randomUUID()
                + ";DB_CLOSE_DELAY=-1;DATABASE_TO_LOWER=TRUE");
        settings.put("orderstream.dex.latency.scale", "0");
        settings.put("orderstream.dex.failure.rate", "0");
        settings.put("orderstream.dex.drift.percent", "0");
        settings.put("orderstream.worker.retry.backoff.millis", "0");
        // Peers that vanish without a close frame are found by the keep-alive: keep it quick here.
        settings.put("orderstream.ws.ping.seconds", "1");
        // Stops hand in-flight orders back at once, as a crash would; drain tests set their own.
        settings.put("orderstream.drain.timeout.seconds", "0");
        settings.putAll(overrides);
        Config config = Config.builder()
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .addSource(ConfigSources.create(settings))
                .addSource(ConfigSources.classpath("application.yaml"))
                .build();
        return new TestGateway(Gateway.start(GatewaySettings.create(config)));
    }

    /**
     * Port of REST, WebSocket and gRPC on Helidon.
     *
     * @return port
     */
    public int port() {
        return gateway.port();
    }

    /**
     * Port of gRPC on Netty.
     *
     * @return port
     */
    public int grpcPort() {
        return gateway.grpcPort();
    }

    /**
     * Base URL of the HTTP face.
     *
     * @return e.g. {@code http://127.0.0.1:41234}
     */
    public String http() {
        return "http://127.0.0.1:" + port();
    }

    /**
     * Base URL of the WebSocket face.
     *
     * @return e.g. {@code ws://127.0.0.1:41234}
     */
    public String ws() {
        return "ws://127.0.0.1:" + port();
    }

    /**
     * A plaintext grpc-java channel to the Helidon port, shut down when this gateway closes.
     *
     * @return a new channel
     */
    public ManagedChannel helidonChannel() {
        return channel(port());
    }

    /**
     * A plaintext grpc-java channel to the Netty port, shut down when this gateway closes.
     *
     * @return a new channel
     */
    public ManagedChannel nettyChannel() {
        return channel(grpcPort());
    }

    @Override
    public void close() {
        try {
            Channels.shutdownAll(channels);
        } finally {
            gateway.close();
        }
    }

    private ManagedChannel channel(int port) {
        ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
        channels.add(channel);
        return channel;
    }
}
