package io.orderstream.ws;

import java.util.logging.Level;
import java.util.logging.Logger;

import io.orderstream.error.AuthenticationException;
import io.orderstream.error.IdempotencyConflictException;
import io.orderstream.error.InvalidOrderException;
import io.orderstream.error.InvalidRequestException;
import io.orderstream.error.MalformedBodyException;
import io.orderstream.error.OrderNotCancellableException;
import io.orderstream.error.OrderNotFoundException;
import io.orderstream.error.OrderNotReplayableException;
import io.orderstream.error.PermissionDeniedException;
import io.orderstream.error.RateLimitedException;
import io.orderstream.error.ServiceException;
import io.orderstream.error.ShuttingDownException;
import io.orderstream.error.StoreUnavailableException;
import io.orderstream.error.UnsupportedMediaTypeException;
import io.orderstream.http.ClientFaultLog;

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
        if (failure instanceof ServiceException refused) {
            return refusal(refused);
        }
        if (ClientFaultLog.clientLeft(failure)) {
            // The client went away before its watch began: a departure, not a server fault.
            LOG.log(Level.FINE, "Watch of order " + orderId + " not started: the client left", failure);
        } else {
            LOG.log(Level.WARNING, "Watch of order " + orderId + " could not start", failure);
        }
        return new Refusal(CloseCodes.INTERNAL_ERROR, "unavailable", "The server could not start this watch; try again");
    }

    /**
     * The one mapping of the taxonomy to WebSocket: a kind added to {@link ServiceException} does
     * not compile until it is mapped here. Watching raises only some kinds; the others (bodies,
     * cancels, submits) are told as what they would mean should a message ever raise them.
     */
    static Refusal refusal(ServiceException failure) {
        return switch (failure) {
        case InvalidRequestException e -> new Refusal(CloseCodes.BAD_REQUEST, "invalid", e.getMessage());
        case InvalidOrderException e -> new Refusal(CloseCodes.BAD_REQUEST, "invalid", e.getMessage());
        case MalformedBodyException e -> new Refusal(CloseCodes.BAD_REQUEST, "malformed", e.getMessage());
        case UnsupportedMediaTypeException e -> new Refusal(CloseCodes.BAD_REQUEST, "malformed", e.getMessage());
        case AuthenticationException e -> new Refusal(CloseCodes.UNAUTHORIZED, "unauthenticated", e.getMessage());
        case PermissionDeniedException e -> new Refusal(CloseCodes.FORBIDDEN, "forbidden", e.getMessage());
        case RateLimitedException e -> new Refusal(CloseCodes.POLICY_VIOLATION, "rate-limited", e.getMessage());
        case OrderNotFoundException e -> new Refusal(CloseCodes.NOT_FOUND, "not-found", e.getMessage());
        case OrderNotCancellableException e -> new Refusal(CloseCodes.CONFLICT, "conflict", e.getMessage());
        case OrderNotReplayableException e -> new Refusal(CloseCodes.CONFLICT, "conflict", e.getMessage());
        case IdempotencyConflictException e -> new Refusal(CloseCodes.CONFLICT, "conflict", e.getMessage());
        case ShuttingDownException e -> new Refusal(CloseCodes.SERVICE_RESTART, "unavailable",
                                                    "The server is shutting down; reconnect to resume");
        case StoreUnavailableException e -> new Refusal(CloseCodes.TRY_AGAIN_LATER, "unavailable",
                                                        "The order store is unavailable; try again shortly");
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
