package io.orderstream.error;

/**
 * Why orderstream did not do what a caller asked, whichever face the call came through: every
 * error that is answered to a client, and only those, is one of these kinds. The list is closed,
 * so each face maps it in one exhaustive {@code switch} and the compiler names any kind a face
 * leaves out: REST in {@code rest.ProblemMapper} (problem+json), gRPC in {@code grpc.GrpcErrors}
 * (a status, with field violations or a retry delay), WebSocket in {@code ws.WsErrors} (an
 * {@code error} message and a close code).
 * <ul>
 * <li>the request is wrong: {@link InvalidOrderException}, {@link InvalidRequestException},
 * {@link MalformedBodyException}, {@link UnsupportedMediaTypeException};</li>
 * <li>the caller is not allowed: {@link AuthenticationException},
 * {@link PermissionDeniedException}, or not now: {@link RateLimitedException};</li>
 * <li>the order is not there or not in a state for it: {@link OrderNotFoundException},
 * {@link OrderNotCancellableException}, {@link OrderNotReplayableException},
 * {@link IdempotencyConflictException};</li>
 * <li>the server cannot serve it now, and nothing was changed: {@link StoreUnavailableException}
 * (and {@link QueueFullException}), {@link ShuttingDownException}.</li>
 * </ul>
 * Each message is written for the client, never with internals. An error that is not one of
 * these is a failure of the server: faces log it and answer without detail.
 */
public abstract sealed class ServiceException extends RuntimeException
        permits InvalidOrderException, InvalidRequestException, MalformedBodyException, UnsupportedMediaTypeException,
                AuthenticationException, PermissionDeniedException, RateLimitedException,
                OrderNotFoundException, OrderNotCancellableException, OrderNotReplayableException,
                IdempotencyConflictException,
                StoreUnavailableException, ShuttingDownException {
    /**
     * An error with a message for the client.
     *
     * @param message what went wrong, in words for the client
     */
    ServiceException(String message) {
        super(message);
    }

    /**
     * An error with a message for the client and, for the log, its cause.
     *
     * @param message    what went wrong, in words for the client
     * @param cause      what failed underneath, if anything
     * @param stackTrace whether to record where it was thrown: not worth it for what a caller can
     *                   cause at will, such as a refused credential
     */
    ServiceException(String message, Throwable cause, boolean stackTrace) {
        super(message, cause, true, stackTrace);
    }
}
