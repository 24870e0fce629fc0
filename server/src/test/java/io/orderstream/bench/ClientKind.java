package io.orderstream.bench;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The two ways users submit and watch orders, each measured on its own.
 */
enum ClientKind {
    /** {@code POST /api/orders/execute}, then a WebSocket on {@code /api/orders/status/{orderId}}. */
    REST("rest"),
    /** gRPC {@code SubmitOrder}, then the server stream {@code WatchOrder}. */
    GRPC("grpc");

    private final String label;

    ClientKind(String label) {
        this.label = label;
    }

    /**
     * The kind of a command-line name.
     *
     * @param label {@code rest} or {@code grpc}
     * @return the kind, if there is one
     */
    static Optional<ClientKind> named(String label) {
        return Arrays.stream(values()).filter(kind -> kind.label.equals(label)).findFirst();
    }

    /**
     * Its name on the command line and in the table.
     *
     * @return {@code rest} or {@code grpc}
     */
    String label() {
        return label;
    }

    /**
     * A client of this kind for a setup's gateways.
     *
     * @param http     the program's one HTTP client
     * @param gateways where to submit and watch
     * @return the client; the caller closes it
     */
    OrderClient open(HttpClient http, List<Endpoint> gateways) {
        return switch (this) {
            case REST -> new RestWebSocketClient(http, gateways);
            case GRPC -> new GrpcOrderClient(gateways);
        };
    }

    /**
     * A client of this kind for the fan-out mode: WebSockets, or {@code WatchOrder} streams.
     *
     * @param gateways      where to submit and watch
     * @param watchers      watchers per round
     * @param grpcPorts     which gRPC ports the streams use
     * @param watchDeadline how long a watch may last
     * @return the client; the caller closes it
     */
    FanOutClient fanOut(List<Endpoint> gateways, int watchers, GrpcPorts grpcPorts, Duration watchDeadline) {
        return switch (this) {
            case REST -> new RestFanOutClient(gateways);
            case GRPC -> new GrpcFanOutClient(gateways, watchers, grpcPorts, watchDeadline);
        };
    }
}
