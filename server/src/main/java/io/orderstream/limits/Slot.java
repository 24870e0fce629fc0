package io.orderstream.limits;

/**
 * One of a caller's places under a cap (a WebSocket, a subscription, a watch), held until the
 * connection or stream that took it ends. Closing gives it back; a second close does nothing, so
 * every path that ends the stream may close it.
 */
public interface Slot extends AutoCloseable {
    /** A place that counts against nothing. */
    Slot NONE = () -> { };

    /** Gives the place back, once. */
    @Override
    void close();
}
