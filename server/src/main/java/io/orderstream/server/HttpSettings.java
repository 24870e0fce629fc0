package io.orderstream.server;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

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
    /** The base URL clients reach the gateway at, through any proxy. */
    public static final ConfigKey<String> PUBLIC_URL = ConfigKey.text("orderstream.public.url");
    /** Every {@code orderstream} key these settings read; {@code server.*} is Helidon's. */
    public static final List<ConfigKey<?>> KEYS = List.of(REQUEST_TIMEOUT, PUBLIC_URL);

    private final Config server;
    private final Duration requestTimeout;
    private final Optional<URI> publicUrl;

    private HttpSettings(Config server, Duration requestTimeout, Optional<URI> publicUrl) {
        this.server = Objects.requireNonNull(server, "server");
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException(REQUEST_TIMEOUT.name() + " must be positive, got "
                                                       + requestTimeout.toSeconds());
        }
        this.requestTimeout = requestTimeout;
        this.publicUrl = publicUrl;
    }

    /**
     * Reads the settings.
     *
     * @param config the root configuration
     * @return the settings
     * @throws IllegalArgumentException when a value cannot be read or is out of range
     */
    public static HttpSettings create(Config config) {
        return new HttpSettings(config.get("server"), REQUEST_TIMEOUT.get(config),
                                PUBLIC_URL.find(config).filter(url -> !url.isBlank()).map(HttpSettings::publicUrl));
    }

    private static URI publicUrl(String text) {
        URI url;
        try {
            url = new URI(text.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(PUBLIC_URL.name() + " must be a URL such as https://orders.example.com, got '"
                                                       + text + "'");
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || url.getRawAuthority() == null
                || url.getRawQuery() != null || url.getRawFragment() != null) {
            throw new IllegalArgumentException(PUBLIC_URL.name() + " must be an http or https URL with a host and no "
                                                       + "query, such as https://orders.example.com, got '" + text + "'");
        }
        return url;
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
     * The base URL clients reach the gateway at (through proxies), which the answers that name a
     * URL use; empty when not configured.
     *
     * @return the public URL
     */
    public Optional<URI> publicUrl() {
        return publicUrl;
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
