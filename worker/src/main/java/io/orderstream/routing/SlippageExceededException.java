package io.orderstream.routing;

import java.math.BigDecimal;

/**
 * The swap would have given less than the transaction's minimum out; the chain refused it.
 */
public final class SlippageExceededException extends DexException {
    private final transient BigDecimal executionPrice;

    /**
     * Creates the exception.
     *
     * @param message        why
     * @param executionPrice the price the swap would have executed at
     */
    public SlippageExceededException(String message, BigDecimal executionPrice) {
        super(message);
        this.executionPrice = executionPrice;
    }

    /**
     * The price the swap would have executed at.
     *
     * @return token out per token in
     */
    public BigDecimal executionPrice() {
        return executionPrice;
    }
}
