package io.orderstream.http;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/**
 * Headers that keep browsers from misusing what the gateway serves: no content sniffing and no
 * referrer on every answer; on the console page a content security policy that allows only the
 * gateway's own scripts, styles and connections (its WebSockets included) and no framing, so a
 * foreign page can neither inject into it nor overlay it.
 */
public final class SecurityHeaders implements Filter {
    private static final HeaderName CONTENT_SECURITY_POLICY = HeaderNames.create("Content-Security-Policy");
    private static final HeaderName REFERRER_POLICY = HeaderNames.create("Referrer-Policy");
    private static final HeaderName FRAME_OPTIONS = HeaderNames.create("X-Frame-Options");
    private static final String POLICY = "default-src 'self'; connect-src 'self'; img-src 'self' data:; "
            + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        res.headers().set(HeaderNames.X_CONTENT_TYPE_OPTIONS, "nosniff");
        res.headers().set(REFERRER_POLICY, "no-referrer");
        String path = req.prologue().uriPath().path();
        if (path.equals("/") || path.endsWith(".html")) {
            res.headers().set(CONTENT_SECURITY_POLICY, POLICY);
            // For browsers that predate frame-ancestors.
            res.headers().set(FRAME_OPTIONS, "DENY");
        }
        chain.proceed();
    }
}
