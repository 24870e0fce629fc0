package io.orderstream.watch;

/**
 * Which face a watch came through, for the live counts.
 */
public enum Face {
    /** {@code WatchOrder} over gRPC (either port). */
    GRPC,
    /** WebSocket {@code /api/orders/status/{id}}. */
    ORDER_SOCKET,
    /** One subscription on WebSocket {@code /ws}. */
    MULTI_SOCKET
}
