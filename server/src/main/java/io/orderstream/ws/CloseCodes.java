package io.orderstream.ws;

import io.orderstream.watch.WatchEnd;

/**
 * The close codes orderstream's WebSocket endpoints use, in one place.
 */
final class CloseCodes {
    /** The order reached a terminal state (or the client asked to close). */
    static final int NORMAL = 1000;
    /**
     * The server is restarting or draining (RFC 6455 registry: Service Restart): reconnect, to
     * this address or another gateway, with the last seq.
     */
    static final int SERVICE_RESTART = 1012;
    /** The caller is past one of its limits: it has all the WebSockets it may have open. */
    static final int POLICY_VIOLATION = 1008;
    /** The server failed. */
    static final int INTERNAL_ERROR = 1011;
    /** The client did not keep up; reconnect with the last seq. */
    static final int TRY_AGAIN_LATER = 1013;
    /** The request was malformed (bad order id, bad afterSeq). */
    static final int BAD_REQUEST = 4400;
    /** The caller is not authenticated ({@code /ws}: no or a refused {@code auth} message). */
    static final int UNAUTHORIZED = 4401;
    /** The caller lacks the scope to watch orders. */
    static final int FORBIDDEN = 4403;
    /** No such order. */
    static final int NOT_FOUND = 4404;
    /**
     * The order is not in a state for what was asked. No watch is refused so today; it completes
     * the mapping of {@link WsErrors}, in the HTTP-like range the others use.
     */
    static final int CONFLICT = 4409;

    private CloseCodes() {
    }

    static int of(WatchEnd end) {
        return switch (end) {
        case COMPLETED, CANCELLED -> NORMAL;
        case SLOW_CONSUMER -> TRY_AGAIN_LATER;
        case SHUTDOWN -> SERVICE_RESTART;
        case FAILED -> INTERNAL_ERROR;
        };
    }
}
