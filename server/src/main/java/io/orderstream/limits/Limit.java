package io.orderstream.limits;

/**
 * What a caller ran out of: the {@code limit} of {@code orderstream_rate_limited_total}.
 */
enum Limit {
    /** Submits per second ({@code orderstream.limits.submit.rate} and {@code .burst}). */
    SUBMIT_RATE("submit_rate"),
    /** The caller's share of the order queue ({@code orderstream.limits.queue.share.percent}). */
    UNFINISHED_ORDERS("unfinished_orders"),
    /** Open WebSockets ({@code orderstream.limits.websockets}). */
    WEBSOCKETS("websockets"),
    /** {@code /ws} subscriptions ({@code orderstream.limits.ws.subscriptions}). */
    WS_SUBSCRIPTIONS("ws_subscriptions"),
    /** {@code WatchOrder} streams ({@code orderstream.limits.grpc.watches}). */
    GRPC_WATCHES("grpc_watches");

    private final String tag;

    Limit(String tag) {
        this.tag = tag;
    }

    /**
     * The metric label value.
     *
     * @return e.g. {@code submit_rate}
     */
    String tag() {
        return tag;
    }
}
