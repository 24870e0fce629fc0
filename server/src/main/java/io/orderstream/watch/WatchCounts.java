package io.orderstream.watch;

/**
 * Live watches, by face.
 *
 * @param grpc          gRPC {@code WatchOrder} streams
 * @param orderSockets  WebSocket {@code /api/orders/status/{id}} watches
 * @param multiSocket   subscriptions on WebSocket {@code /ws}
 * @param watchedOrders distinct orders with at least one watcher (one bus subscription each)
 */
public record WatchCounts(int grpc, int orderSockets, int multiSocket, int watchedOrders) {
}
