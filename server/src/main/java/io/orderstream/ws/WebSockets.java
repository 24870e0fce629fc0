package io.orderstream.ws;

import java.util.Set;

import java.util.Locale;
import java.util.Optional;

import java.net.URI;

import io.orderstream.auth.Authenticator;
import io.orderstream.desk.OrderDesk;
import io.orderstream.limits.Limits;
import io.orderstream.watch.Backlog;
import io.orderstream.watch.BroadcastRegistry;
import io.orderstream.worker.Draining;

import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.websocket.WsRouting;

/**
 * The WebSocket endpoints: {@code /api/orders/status/{orderId}} and {@code /ws}. Each
 * connection gets its own listener, which holds that connection's state, its caller included.
 */
public final class WebSockets {
    private WebSockets() {
    }

    /**
     * The WebSocket routing.
     *
     * @param desk             the use cases of orders
     * @param registry         where watches register
     * @param sessions         the live session set
     * @param backlogLimit     events one connection may have waiting before it is cut off as too slow
     * @param maxSubscriptions orders one {@code /ws} connection may watch at once
     * @param authenticator    who opens each connection
     * @param limits           how many connections and subscriptions each caller may have
     * @return routing with both endpoints
     */
    public static WsRouting.Builder routing(OrderDesk desk, BroadcastRegistry registry, WsSessions sessions,
                                            int backlogLimit, int maxSubscriptions, Authenticator authenticator,
                                            Limits limits) {
        return WsRouting.builder()
                .endpoint(OrderStatusSocket.PATH + "{orderId}",
                          () -> new OrderStatusSocket(desk, registry, sessions, new Backlog(backlogLimit),
                                                      authenticator, limits))
                .endpoint(MultiOrderSocket.PATH,
                          () -> new MultiOrderSocket(desk, registry, sessions, new Backlog(backlogLimit),
                                                     maxSubscriptions, authenticator, limits));
    }

    /**
     * The HTTP filter that refuses an upgrade to either endpoint with 503 once the gateway
     * drains, so that new watchers go to another gateway before their sockets open.
     *
     * @param http     the HTTP routing
     * @param draining set when the gateway is asked to stop
     */
    public static void refuseUpgradesWhileDraining(HttpRouting.Builder http, Draining draining) {
        http.addFilter(new UpgradesWhileDraining(draining));
    }

    /** Whether a request's path is one of the WebSocket endpoints'. */
    static boolean isEndpoint(String path) {
        return path.startsWith(OrderStatusSocket.PATH) || path.equals(MultiOrderSocket.PATH);
    }

    /**
     * The HTTP filter that refuses an upgrade to either endpoint with 401 when it does not
     * authenticate: Helidon runs HTTP filters on upgrade requests, and maps what they throw as it
     * maps REST errors.
     *
     * @param http          the HTTP routing
     * @param authenticator the one the endpoints use
     */
    public static void authenticateUpgrades(HttpRouting.Builder http, Authenticator authenticator) {
        http.addFilter(new UpgradeAuthentication(authenticator));
    }

    /**
     * The HTTP filter that refuses (403) an upgrade to either endpoint from a browser page of an
     * origin the gateway does not know.
     *
     * @param http      the HTTP routing
     * @param origins   origins allowed besides the gateway's own
     * @param publicUrl the gateway's public URL, if configured: its origin is the gateway's own
     */
    public static void checkOrigins(HttpRouting.Builder http, Set<URI> origins, Optional<URI> publicUrl) {
        http.addFilter(new OriginCheck(origins, publicUrl));
    }

    /**
     * An origin as browsers send it: lower case, the port only when it is not the scheme's own.
     *
     * @param url any http or https URL
     * @return {@code scheme://host[:port]}
     */
    public static String browserOrigin(URI url) {
        String scheme = url.getScheme().toLowerCase(Locale.ROOT);
        int port = url.getPort();
        boolean defaultPort = port == -1 || "http".equals(scheme) && port == 80 || "https".equals(scheme) && port == 443;
        return scheme + "://" + url.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
    }
}
