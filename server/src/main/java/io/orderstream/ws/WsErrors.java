package io.orderstream.ws;

import java.util.logging.Level;
import java.util.logging.Logger;

import io.orderstream.auth.AuthenticationException;
import io.orderstream.auth.PermissionDeniedException;
import io.orderstream.gateway.InvalidRequestException;
import io.orderstream.gateway.OrderNotFoundException;
import io.orderstream.store.StoreUnavailableException;
import io.orderstream.watch.ShuttingDownException;

/**
 * Why a watch could not start, as both WebSocket endpoints tell it: an {@code error} message with
 * {@link Refusal#errorCode()}, after which the order's own socket closes with
 * {@link Refusal#closeCode()} and {@code /ws} keeps the connection. The one place these are mapped.
 */
final class WsErrors {
    private static final Logger LOG = Logger.getLogger(WsErrors.class.getName());

    private WsErrors() {
    }

    /**
     * Maps a failure to start watching an order, or to authenticate a {@code /ws} connection.
     *
     * @param failure what the order service or the registry threw
     * @param orderId the order, as the client named it, for the log
     * @return how to tell the client
     */
    static Refusal refusal(RuntimeException failure, String orderId) {
        return switch (failure) {
        case InvalidRequestException e -> new Refusal(CloseCodes.BAD_REQUEST, "invalid", e.getMessage());
        case OrderNotFoundException e -> new Refusal(CloseCodes.NOT_FOUND, "not-found", e.getMessage());
        case AuthenticationException e -> new Refusal(CloseCodes.UNAUTHORIZED, "unauthenticated", e.getMessage());
        case PermissionDeniedException e -> new Refusal(CloseCodes.FORBIDDEN, "forbidden", e.getMessage());
        case ShuttingDownException e -> new Refusal(CloseCodes.GOING_AWAY, "unavailable",
                                                    "The server is shutting down; reconnect to resume");
        case StoreUnavailableException e -> new Refusal(CloseCodes.TRY_AGAIN_LATER, "unavailable",
                                                        "The order store is unavailable; try again shortly");
        default -> {
            LOG.log(Level.WARNING, "Watch of order " + orderId + " could not start", failure);
            yield new Refusal(CloseCodes.INTERNAL_ERROR, "unavailable", "The server could not start this watch; "
                    + "try again");
        }
        };
    }

    /**
     * How a refused watch is told to the client.
     *
     * @param closeCode WebSocket close code, for the order's own socket
     * @param errorCode the {@code code} of the {@code error} message
     * @param message   why, in words
     */
    record Refusal(int closeCode, String errorCode, String message) {
    }
}
