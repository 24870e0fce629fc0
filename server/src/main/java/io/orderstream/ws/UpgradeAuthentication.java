package io.orderstream.ws;

import io.orderstream.auth.Authenticator;

import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/**
 * Refuses a WebSocket upgrade that does not authenticate with 401, as REST refuses a request.
 * Helidon 4.5.0 runs the HTTP filters on an upgrade request before its WebSocket listener, and
 * maps what a filter throws with the HTTP error handlers; the listener itself could only refuse
 * with a bare 400 ({@code WsUpgradeException}). So this filter authenticates the upgrade first;
 * the listener authenticates the same credentials again to learn its caller.
 * {@code /ws} without any credential passes: its first message may authenticate it.
 */
final class UpgradeAuthentication implements Filter {
    private final Authenticator authenticator;

    UpgradeAuthentication(Authenticator authenticator) {
        this.authenticator = authenticator;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        String path = req.prologue().uriPath().path();
        if (path.startsWith(OrderStatusSocket.PATH)) {
            // Throws the AuthenticationException that the error mapping answers 401.
            authenticator.authenticate(WsAuthentication.credentials(req.query(), req.headers()));
        } else if (path.equals(MultiOrderSocket.PATH)) {
            authenticator.authenticateIfPresent(WsAuthentication.credentials(req.query(), req.headers()));
        }
        chain.proceed();
    }
}
