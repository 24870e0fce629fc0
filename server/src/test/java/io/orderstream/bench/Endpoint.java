package io.orderstream.bench;

/**
 * A gateway's one Helidon port on the loopback address: REST, WebSocket and gRPC.
 *
 * @param port the port on 127.0.0.1
 */
record Endpoint(int port) {
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
