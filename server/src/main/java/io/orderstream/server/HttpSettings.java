package io.orderstream.server;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

import io.orderstream.config.ConfigKey;

import io.helidon.config.Config;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.grpc.GrpcConfig;
import io.helidon.webserver.http1.Http1Config;

/**
 * The Helidon port: Helidon's own listener settings ({@code server.*}: host, port, connection and
 * protocol limits), which Helidon's builders read as they are, and the gateway's request deadline.
 * <p>
 * Not a record: the {@code server} node is kept for Helidon's builders and shown to no one else.
 */
public final class HttpSettings {
    /** Time from a request line to the end of its body. */
    public static final ConfigKey<Duration> REQUEST_TIMEOUT = ConfigKey.seconds(
            "orderstream.http.request.timeout.seconds", Duration.ofSeconds(10));
    /** Every {@code orderstream} key these settings read; {@code server.*} is Helidon's. */
    public static final List<ConfigKey<?>> KEYS = List.of(REQUEST_TIMEOUT);

    private final Config server;
    private final Duration requestTimeout;

    private HttpSettings(Config server, Duration requestTimeout) {
        this.server = Objects.requireNonNull(server, "server");
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException(REQUEST_TIMEOUT.name() + " must be positive, got "
                                                       + requestTimeout.toSeconds());
        }
        this.requestTimeout = requestTimeout;
    }

    /**
     * Reads the settings.
     *
     * @param config the root configuration
     * @return the settings
     * @throws IllegalArgumentException when a value cannot be read or is out of range
     */
    public static HttpSettings create(Config config) {
        return new HttpSettings(config.get("server"), REQUEST_TIMEOUT.get(config));
    }

    /**
     * A new server builder with Helidon's listener settings applied; the caller adds the routing.
     *
     * @return the builder
     */
    public WebServerConfig.Builder listener() {
        return WebServer.builder().config(server);
    }

    /**
     * A new HTTP/1.1 protocol builder with Helidon's settings for it applied
     * ({@code server.protocols.http_1_1}); the caller adds its listeners.
     *
     * @return the builder
     */
    public Http1Config.Builder http1() {
        return Http1Config.builder().config(server.get("protocols.http_1_1"));
    }

    /**
     * A new gRPC protocol builder with Helidon's settings for it applied
     * ({@code server.protocols.grpc}); the caller sets the read buffer.
     *
     * @return the builder
     */
    public GrpcConfig.Builder grpc() {
        return GrpcConfig.builder().config(server.get("protocols.grpc"));
    }

    /**
     * Time a client has from its request line to the end of its body; an unfinished request's
     * connection is closed after it.
     *
     * @return the deadline
     */
    public Duration requestTimeout() {
        return requestTimeout;
    }
}
