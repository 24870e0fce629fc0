package io.orderstream.watch;

/**
 * The gateway is stopping and takes no new watch. gRPC UNAVAILABLE, WebSocket 1001: the client
 * resumes elsewhere with its last seq.
 */
public final class ShuttingDownException extends IllegalStateException {
    ShuttingDownException() {
        super("The server is shutting down");
    }
}
