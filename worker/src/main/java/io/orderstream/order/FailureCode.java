package io.orderstream.order;

import java.util.Optional;

/**
 * Why an order failed, as a bounded set: kept on the order and its failed event for clients and
 * operators to filter by (the dead letters of one cause), and the {@code reason} tag of
 * {@code orderstream_orders_failed_total}. The order's failure reason in words stays beside it.
 */
public enum FailureCode {
    /** The execution price was worse than the order's slippage allowed. */
    SLIPPAGE("slippage"),
    /** A DEX refused or failed: no quote, a build error, or every submission attempt failed. */
    DEX_ERROR("dex_error"),
    /** A DEX did not answer in time (the last attempt's failure, when submission gave up). */
    TIMEOUT("timeout"),
    /** The order kept coming back unfinished and was given up after its most deliveries. */
    MAX_DELIVERIES("max_deliveries");

    private final String tag;

    FailureCode(String tag) {
        this.tag = tag;
    }

    /**
     * The code's name on the wire, in the database and as a metric tag.
     *
     * @return e.g. {@code dex_error}
     */
    public String tag() {
        return tag;
    }

    /**
     * The code of a name, exactly as {@link #tag()} spells it.
     *
     * @param tag e.g. {@code timeout}
     * @return the code, or empty for a name that is none
     */
    public static Optional<FailureCode> fromTag(String tag) {
        for (FailureCode code : values()) {
            if (code.tag.equals(tag)) {
                return Optional.of(code);
            }
        }
        return Optional.empty();
    }
}
