package io.orderstream.bench;

import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The kinds of idle watch whose memory {@link IdleMemory} measures. */
enum IdleKind {
    /** A WebSocket on {@code /api/orders/status/{orderId}}. */
    ORDER_SOCKET("order-socket"),
    /** A WebSocket on {@code /ws} with one subscription. */
    MULTI_SOCKET("ws"),
    /** A {@code WatchOrder} stream on the Helidon port. */
    GRPC("grpc"),
    /** A {@code WatchOrder} stream on the Netty port. */
    GRPC_NETTY("grpc-netty");

    private final String label;

    IdleKind(String label) {
        this.label = label;
    }

    /**
     * The kind a command-line name stands for.
     *
     * @param label its name
     * @return the kind, or empty for an unknown name
     */
    static Optional<IdleKind> named(String label) {
        return Arrays.stream(values()).filter(kind -> kind.label.equals(label)).findFirst();
    }

    /**
     * Its name on the command line and in the report.
     *
     * @return e.g. {@code order-socket}
     */
    String label() {
        return label;
    }

    /**
     * Prepares to hold watches of this kind on a gateway.
     *
     * @param gateway    where
     * @param orders     the orders to watch, in turn
     * @param perChannel gRPC streams per channel
     * @return nothing opened yet
     */
    HeldConnections hold(Endpoint gateway, List<String> orders, int perChannel) throws UnknownHostException {
        return switch (this) {
            case ORDER_SOCKET -> new HeldSockets(gateway, orders, false);
            case MULTI_SOCKET -> new HeldSockets(gateway, orders, true);
            case GRPC -> new HeldStreams(gateway.port(), orders, perChannel);
            case GRPC_NETTY -> new HeldStreams(gateway.grpcPort(), orders, perChannel);
        };
    }
}
