package io.orderstream.ws;

import io.orderstream.error.ShuttingDownException;
import io.orderstream.worker.Draining;

import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/**
 * Refuses a WebSocket upgrade with 503 once the gateway drains. Its watch would only be told at
 * once to reconnect elsewhere, or be dropped as the listener stops; refused, the client goes
 * elsewhere before its socket opens. REST is served until the drain ends: a submit is stored for
 * whichever worker claims it, and a read is as good here as anywhere.
 */
final class UpgradesWhileDraining implements Filter {
    private final Draining draining;

    UpgradesWhileDraining(Draining draining) {
        this.draining = draining;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        if (draining.started() && WebSockets.isEndpoint(req.prologue().uriPath().path())) {
            // Answered 503 problem+json by the error mapping, as a REST call refused for it is.
            throw new ShuttingDownException();
        }
        chain.proceed();
    }
}
