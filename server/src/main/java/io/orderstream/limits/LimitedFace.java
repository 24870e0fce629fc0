package io.orderstream.limits;

import io.orderstream.desk.SubmitFace;

/**
 * Where a caller ran out: the {@code face} of {@code orderstream_rate_limited_total}.
 */
public enum LimitedFace {
    /** The REST API. */
    REST("rest"),
    /** gRPC, either port. */
    GRPC("grpc"),
    /** WebSocket {@code /api/orders/status/{id}}. */
    ORDER_SOCKET("order-socket"),
    /** WebSocket {@code /ws}. */
    MULTI_SOCKET("multi-socket");

    private final String tag;

    LimitedFace(String tag) {
        this.tag = tag;
    }

    /**
     * Where a submit came in.
     *
     * @param face the face of the submit
     * @return the same face
     */
    static LimitedFace of(SubmitFace face) {
        return switch (face) {
            case REST -> REST;
            case GRPC -> GRPC;
        };
    }

    /**
     * The metric label value.
     *
     * @return e.g. {@code rest}
     */
    public String tag() {
        return tag;
    }
}
