package io.orderstream.desk;

/**
 * Which face a submit came through, for {@code orderstream_orders_submitted_total}, the order's
 * first log line and whatever the caller's {@link SubmitQuota} counts a refusal under.
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

    /**
     * The face as meters and logs name it.
     *
     * @return e.g. {@code rest}
     */
    public String tag() {
        return tag;
    }
}
