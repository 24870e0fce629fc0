package io.orderstream.rest;

import java.net.URI;
import java.util.Optional;

import io.helidon.common.socket.PeerInfo;
import io.helidon.webserver.http.ServerRequest;

/**
 * The {@code wsUrl} a submit answers: where the client watches its order. Built from the
 * configured public URL when there is one (the address clients reach through proxies), else from
 * the address the request actually arrived on. Never from the request's {@code Host} or
 * {@code X-Forwarded-*} headers: anyone can send those, and an answer that echoes them points a
 * client wherever the sender chose.
 */
final class WebSocketUrls {
    private static final String PATH = "/api/orders/status/";

    private final Optional<URI> publicUrl;

    /**
     * Creates the URL builder.
     *
     * @param publicUrl the gateway's public base URL ({@code http} or {@code https}), if configured
     */
    WebSocketUrls(Optional<URI> publicUrl) {
        this.publicUrl = publicUrl;
    }

    String forOrder(ServerRequest req, String orderId) {
        return publicUrl.map(base -> webSocketBase(base) + PATH + orderId)
                .orElseGet(() -> (req.isSecure() ? "wss://" : "ws://") + authority(req.localPeer()) + PATH + orderId);
    }

    private static String webSocketBase(URI base) {
        String scheme = "https".equalsIgnoreCase(base.getScheme()) ? "wss" : "ws";
        String path = base.getRawPath() == null ? "" : base.getRawPath().replaceAll("/+$", "");
        return scheme + "://" + base.getRawAuthority() + path;
    }

    private static String authority(PeerInfo local) {
        String host = local.host();
        // An IPv6 literal needs brackets in a URL.
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + local.port();
    }
}
