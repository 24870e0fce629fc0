package io.orderstream.ws;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import io.helidon.http.HeaderNames;
import io.helidon.http.HttpException;
import io.helidon.http.Status;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/**
 * Refuses (403) a WebSocket upgrade whose page comes from an origin the gateway does not know.
 * A browser sends {@code Origin} with every WebSocket handshake and lets any page open one, so
 * without this a foreign page could watch orders with the user's credentials. Comparing
 * {@code Origin} with {@code Host} is not enough: a page whose name was re-pointed at this gateway
 * (DNS rebinding) sends a matching pair. Allowed: the configured origins, the origin of the
 * configured public URL, and the console served by this gateway on a loopback address and this
 * port. Clients that send no {@code Origin} (not a browser) are not affected.
 */
final class OriginCheck implements Filter {
    private static final Set<String> LOOPBACK_HOSTS = Set.of("127.0.0.1", "localhost", "[::1]");

    private final Set<String> allowed;

    /**
     * Creates the check.
     *
     * @param origins   origins allowed besides the gateway's own
     * @param publicUrl the gateway's public URL, whose origin is its own
     */
    OriginCheck(Set<URI> origins, Optional<URI> publicUrl) {
        Set<String> all = new HashSet<>();
        origins.forEach(origin -> all.add(WebSockets.browserOrigin(origin)));
        publicUrl.ifPresent(url -> all.add(WebSockets.browserOrigin(url)));
        this.allowed = Set.copyOf(all);
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        String path = req.prologue().uriPath().path();
        boolean socket = WebSockets.isEndpoint(path);
        Optional<String> origin = req.headers().first(HeaderNames.ORIGIN);
        if (socket && origin.isPresent() && !allowed(origin.get(), req.isSecure(), req.localPeer().port())) {
            throw new HttpException("A page from " + origin.get() + " may not open this WebSocket; allow its origin "
                                            + "with orderstream.cors.origins (or set orderstream.public.url)",
                                    Status.FORBIDDEN_403, true);
        }
        chain.proceed();
    }

    private boolean allowed(String origin, boolean secure, int localPort) {
        Optional<URI> parsed = parse(origin);
        if (parsed.isEmpty()) {
            return false;
        }
        String normalised = WebSockets.browserOrigin(parsed.get());
        if (allowed.contains(normalised)) {
            return true;
        }
        URI page = parsed.get();
        // The console this gateway serves, opened on a loopback address (over TLS when the port has it).
        return (secure ? "https" : "http").equals(page.getScheme())
                && LOOPBACK_HOSTS.contains(page.getHost().toLowerCase(Locale.ROOT)) && page.getPort() == localPort;
    }


    private static Optional<URI> parse(String origin) {
        try {
            URI uri = new URI(origin.trim());
            return uri.getScheme() == null || uri.getHost() == null ? Optional.empty() : Optional.of(uri);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }
}
