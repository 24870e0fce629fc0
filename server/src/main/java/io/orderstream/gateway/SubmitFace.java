package io.orderstream.gateway;

/**
 * Which face a submit came through, for {@code orderstream_orders_submitted_total}.
 */
public enum SubmitFace {
    /** {@code POST /api/orders/execute} or {@code POST /api/orders}. */
    REST("rest"),
    /** {@code SubmitOrder}, on either gRPC port. */
    GRPC("grpc");

    private final String tag;

    SubmitFace(String tag) {
        this.tag = tag;
    }

    String tag() {
        return tag;
    }
}
