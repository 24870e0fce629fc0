package io.orderstream.ws;

import io.orderstream.auth.Authenticator;
import io.orderstream.gateway.OrderService;
import io.orderstream.watch.Backlog;
import io.orderstream.watch.BroadcastRegistry;

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
     * @param orders           what the gateway does with orders
     * @param registry         where watches register
     * @param sessions         the live session set
     * @param backlogLimit     events one connection may have waiting before it is cut off as too slow
     * @param maxSubscriptions orders one {@code /ws} connection may watch at once
     * @param authenticator    who opens each connection
     * @return routing with both endpoints
     */
    public static WsRouting.Builder routing(OrderService orders, BroadcastRegistry registry, WsSessions sessions,
                                            int backlogLimit, int maxSubscriptions, Authenticator authenticator) {
        return WsRouting.builder()
                .endpoint(OrderStatusSocket.PATH + "{orderId}",
                          () -> new OrderStatusSocket(orders, registry, sessions, new Backlog(backlogLimit),
                                                      authenticator))
                .endpoint(MultiOrderSocket.PATH,
                          () -> new MultiOrderSocket(orders, registry, sessions, new Backlog(backlogLimit),
                                                     maxSubscriptions, authenticator));
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
}
