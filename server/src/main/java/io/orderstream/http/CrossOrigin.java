package io.orderstream.http;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.HttpException;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/**
 * Cross-origin calls to the order API ({@code /api/...}) from the allowed origins only
 * ({@code orderstream.cors.origins}): their preflights are answered (the methods and the headers a
 * client sends: {@code Authorization}, {@code Content-Type}, {@code Idempotency-Key},
 * {@code X-Api-Key}), their answers let them read {@code Location}, {@code Retry-After} and
 * {@code WWW-Authenticate}. Any other origin's preflight is refused (403), and its other requests
 * get no CORS header, so its page cannot read the answer. With no allowed origin nothing changes:
 * browsers keep other origins out.
 * <p>
 * Written here rather than with Helidon's CORS support: Helidon 4.5.0 refuses a preflight whose
 * {@code Access-Control-Request-Headers} lists several headers without a space after each comma,
 * which is how browsers send it ({@code authorization,content-type}).
 */
public final class CrossOrigin implements Filter {
    private static final String API = "/api/";
    private static final Set<String> METHODS = Set.of("GET", "POST");
    private static final Set<String> HEADERS = Set.of("authorization", "content-type", "idempotency-key", "x-api-key");
    private static final HeaderName REQUEST_METHOD = HeaderNames.create("Access-Control-Request-Method");
    private static final HeaderName REQUEST_HEADERS = HeaderNames.create("Access-Control-Request-Headers");
    private static final HeaderName ALLOW_ORIGIN = HeaderNames.create("Access-Control-Allow-Origin");
    private static final HeaderName ALLOW_METHODS = HeaderNames.create("Access-Control-Allow-Methods");
    private static final HeaderName ALLOW_HEADERS = HeaderNames.create("Access-Control-Allow-Headers");
    private static final HeaderName EXPOSE_HEADERS = HeaderNames.create("Access-Control-Expose-Headers");
    private static final HeaderName MAX_AGE = HeaderNames.create("Access-Control-Max-Age");

    private final Set<String> origins;

    /**
     * Creates the filter.
     *
     * @param origins allowed origins, as browsers send them ({@code https://app.example.com})
     */
    public CrossOrigin(Set<String> origins) {
        this.origins = Set.copyOf(origins);
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        Optional<String> origin = req.headers().first(HeaderNames.ORIGIN);
        if (origins.isEmpty() || origin.isEmpty() || !req.prologue().uriPath().path().startsWith(API)) {
            chain.proceed();
            return;
        }
        boolean allowed = origins.contains(origin.get());
        boolean preflight = req.prologue().method() == Method.OPTIONS && req.headers().contains(REQUEST_METHOD);
        if (preflight) {
            answerPreflight(req, res, origin.get(), allowed);
            return;
        }
        if (allowed) {
            res.headers().set(ALLOW_ORIGIN, origin.get());
            res.headers().set(EXPOSE_HEADERS, "Location, Retry-After, WWW-Authenticate");
        }
        res.headers().add(HeaderNames.VARY, "Origin");
        chain.proceed();
    }

    private static void answerPreflight(RoutingRequest req, RoutingResponse res, String origin, boolean allowed) {
        String method = req.headers().first(REQUEST_METHOD).orElse("");
        String headers = req.headers().first(REQUEST_HEADERS).orElse("");
        if (!allowed || !METHODS.contains(method) || !onlyAllowedHeaders(headers)) {
            throw new HttpException("A page from " + origin + " may not call " + method + " here with headers '"
                                            + headers + "'; allowed origins are set with orderstream.cors.origins",
                                    Status.FORBIDDEN_403, true);
        }
        res.headers().set(ALLOW_ORIGIN, origin);
        res.headers().set(ALLOW_METHODS, String.join(", ", METHODS));
        res.headers().set(ALLOW_HEADERS, String.join(", ", HEADERS));
        res.headers().set(MAX_AGE, "600");
        res.headers().add(HeaderNames.VARY, "Origin");
        res.status(Status.NO_CONTENT_204).send();
    }

    private static boolean onlyAllowedHeaders(String requested) {
        for (String header : requested.split(",")) {
            String name = header.trim().toLowerCase(Locale.ROOT);
            if (!name.isEmpty() && !HEADERS.contains(name)) {
                return false;
            }
        }
        return true;
    }
}
