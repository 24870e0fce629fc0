package io.orderstream.metrics;

/**
 * Why an order failed, as a bounded set for the {@code reason} tag of
 * {@code orderstream_orders_failed_total}; the order's own failure reason, in words, stays in
 * its events.
 */
public enum FailureReason {
    /** The execution price was worse than the order's slippage allowed. */
    SLIPPAGE("slippage"),
    /** A DEX refused or failed: no quote, a build error, or every submission attempt failed. */
    DEX_ERROR("dex_error"),
    /** A DEX did not answer in time (the last attempt's failure, when submission gave up). */
    TIMEOUT("timeout"),
    /** The order kept coming back unfinished and was given up after its most deliveries. */
    MAX_DELIVERIES("max_deliveries");

    private final String tag;

    FailureReason(String tag) {
        this.tag = tag;
    }

    /**
     * The tag value.
     *
     * @return e.g. {@code dex_error}
     */
    public String tag() {
        return tag;
    }
}
