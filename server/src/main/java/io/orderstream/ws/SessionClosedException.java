package io.orderstream.ws;

/**
 * A write to a WebSocket session that has already closed (the server cut it off, or the peer
 * left). Nothing more can be said to that client.
 */
final class SessionClosedException extends IllegalStateException {
    SessionClosedException() {
        super("WebSocket session is closed");
    }
}
