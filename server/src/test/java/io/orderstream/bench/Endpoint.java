package io.orderstream.bench;

/**
 * A gateway's ports on the loopback address.
 *
 * @param port     its one Helidon port: REST, WebSocket and gRPC
 * @param grpcPort the same gRPC service on grpc-java's Netty transport
 */
record Endpoint(int port, int grpcPort) {
    /** The only address servers of this benchmark listen on. */
    static final String HOST = "127.0.0.1";

    /**
     * Base URL of its HTTP face.
     *
     * @return e.g. {@code http://127.0.0.1:41234}
     */
    String http() {
        return "http://" + HOST + ":" + port;
    }

    /**
     * Base URL of its WebSocket face.
     *
     * @return e.g. {@code ws://127.0.0.1:41234}
     */
    String ws() {
        return "ws://" + HOST + ":" + port;
    }
}
