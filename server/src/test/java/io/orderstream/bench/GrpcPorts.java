package io.orderstream.bench;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Which of a gateway's two gRPC ports the fan-out mode's {@code WatchOrder} streams use: the
 * one Helidon port that also serves REST and WebSockets, grpc-java's Netty port, or half on each.
 */
enum GrpcPorts {
    /** Half the streams on each port. */
    BOTH("both", "half on the Helidon port and half on the Netty port"),
    /** Every stream on the Helidon port. */
    HELIDON("helidon", "all on the Helidon port"),
    /** Every stream on the Netty port. */
    NETTY("netty", "all on the Netty port");

    private final String label;
    private final String description;

    GrpcPorts(String label, String description) {
        this.label = label;
        this.description = description;
    }

    /**
     * The choice of a command-line value.
     *
     * @param value {@code both}, {@code helidon} or {@code netty}
     * @return the choice
     * @throws IllegalArgumentException for any other value
     */
    static GrpcPorts named(String value) {
        return Arrays.stream(values()).filter(ports -> ports.label.equals(value)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("--grpc-ports: '" + value + "' is none of "
                        + Arrays.stream(values()).map(ports -> "'" + ports.label + "'")
                        .collect(Collectors.joining(", "))));
    }

    /**
     * The ports of one gateway that streams go to, in the order channels are opened to them.
     *
     * @param gateway the gateway
     * @return one or both of its gRPC ports
     */
    List<Integer> of(Endpoint gateway) {
        return switch (this) {
            case BOTH -> List.of(gateway.port(), gateway.grpcPort());
            case HELIDON -> List.of(gateway.port());
            case NETTY -> List.of(gateway.grpcPort());
        };
    }

    /**
     * Where the streams go, in words for the table's header.
     *
     * @return the description
     */
    String description() {
        return description;
    }
}
