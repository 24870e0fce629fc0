package io.orderstream.auth;

import java.util.Optional;

import io.orderstream.desk.Scope;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/**
 * {@code /observe/*} (health details with heap and disk, metrics, and whatever else Helidon's
 * observers serve) is for operators: it needs {@link Scope#ADMIN}. Unauthenticated: 401;
 * authenticated without the scope: 403, answered as every REST refusal is. One path stays open,
 * {@code /observe/health/ready}: orchestrators probe it without credentials, and it tells only
 * whether the database and Redis answer (liveness: {@code /health}). In {@code none} mode every
 * caller is the anonymous admin, as on every other face.
 */
public final class ObserveAccess implements Filter {
    private static final String OBSERVE = "/observe";
    private static final String READINESS = "/observe/health/ready";

    private final Authenticator authenticator;

    /**
     * Creates the filter.
     *
     * @param authenticator who the caller is
     */
    public ObserveAccess(Authenticator authenticator) {
        this.authenticator = authenticator;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        String path = req.prologue().uriPath().path();
        if ((path.equals(OBSERVE) || path.startsWith(OBSERVE + "/")) && !path.equals(READINESS)) {
            authenticator.authenticate(new Credentials(req.headers().first(HeaderNames.AUTHORIZATION),
                                                       req.headers().first(HeaderNames.create(Credentials.API_KEY_HEADER)),
                                                       Optional.empty()))
                    .require(Scope.ADMIN);
        }
        chain.proceed();
    }
}
