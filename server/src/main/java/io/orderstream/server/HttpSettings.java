package io.orderstream.server;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import io.orderstream.config.ConfigKey;
import io.orderstream.ws.WebSockets;

import io.helidon.config.Config;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.grpc.GrpcConfig;
import io.helidon.webserver.websocket.WsConfig;
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
    /** Browser origins allowed besides the gateway's own (WebSockets and CORS), comma-separated. */
    public static final ConfigKey<String> ALLOWED_ORIGINS = ConfigKey.text("orderstream.cors.origins");
    /** Every {@code orderstream} key these settings read; {@code server.*} is Helidon's. */
    public static final List<ConfigKey<?>> KEYS = List.of(REQUEST_TIMEOUT, PUBLIC_URL, ALLOWED_ORIGINS);

    private final Config server;
    private final Duration requestTimeout;
    private final Optional<URI> publicUrl;
    private final Set<URI> allowedOrigins;

    private HttpSettings(Config server, Duration requestTimeout, Optional<URI> publicUrl, Set<URI> allowedOrigins) {
        this.server = Objects.requireNonNull(server, "server");
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException(REQUEST_TIMEOUT.name() + " must be positive, got "
                                                       + requestTimeout.toSeconds());
        }
        this.requestTimeout = requestTimeout;
        this.publicUrl = publicUrl;
        this.allowedOrigins = Set.copyOf(allowedOrigins);
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
                                PUBLIC_URL.find(config).filter(url -> !url.isBlank()).map(HttpSettings::publicUrl),
                                ALLOWED_ORIGINS.find(config).map(HttpSettings::origins).orElse(Set.of()));
    }

    private static Set<URI> origins(String list) {
        Set<URI> origins = new HashSet<>();
        for (String origin : list.split(",")) {
            if (origin.isBlank()) {
                continue;
            }
            URI url = httpUrl(ALLOWED_ORIGINS, origin, "https://app.example.com");
            if (url.getRawPath() != null && !url.getRawPath().isEmpty()) {
                throw new IllegalArgumentException(ALLOWED_ORIGINS.name() + " holds origins (scheme://host[:port]), "
                                                           + "not URLs with a path, got '" + origin.trim() + "'");
            }
            origins.add(url);
        }
        return origins;
    }

    private static URI publicUrl(String text) {
        return httpUrl(PUBLIC_URL, text, "https://orders.example.com");
    }

    private static URI httpUrl(ConfigKey<String> key, String text, String example) {
        URI url;
        try {
            url = new URI(text.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(key.name() + " must be a URL such as " + example + ", got '" + text + "'");
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || url.getHost() == null
                || url.getRawQuery() != null || url.getRawFragment() != null) {
            throw new IllegalArgumentException(key.name() + " must be an http or https URL with a host and no query, "
                                                       + "such as " + example + ", got '" + text.trim() + "'");
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
     * A new WebSocket protocol builder with Helidon's settings for it applied
     * ({@code server.protocols.websocket}) and the origins Helidon lets through before the
     * gateway's own check. Helidon allows either only the page of the request's own
     * {@code Host} (when given no origins) or only the origins it is given, verbatim: with
     * allowed origins configured it is given those, the public URL's, and the gateway's console on
     * loopback at the configured port.
     *
     * @return the builder
     */
    public WsConfig.Builder webSocket() {
        WsConfig.Builder builder = WsConfig.builder().config(server.get("protocols.websocket"));
        if (!allowedOrigins.isEmpty()) {
            Set<String> origins = new HashSet<>();
            allowedOrigins.forEach(origin -> origins.add(WebSockets.browserOrigin(origin)));
            publicUrl.ifPresent(url -> origins.add(WebSockets.browserOrigin(url)));
            int port = server.get("port").asInt().orElse(0);
            // Either scheme: the console's page is https when the port serves TLS, and no other
            // server can serve a page on this port.
            for (String loopback : List.of("127.0.0.1", "localhost", "[::1]")) {
                origins.add("http://" + loopback + ":" + port);
                origins.add("https://" + loopback + ":" + port);
            }
            builder.origins(origins);
        }
        return builder;
    }


    /**
     * Browser origins allowed to open the gateway's WebSockets besides its own.
     *
     * @return the origins, as URLs with no path
     */
    public Set<URI> allowedOrigins() {
        return allowedOrigins;
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
