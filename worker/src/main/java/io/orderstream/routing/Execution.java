package io.orderstream.routing;

import java.math.BigDecimal;

/**
 * A confirmed swap.
 *
 * @param signature      the transaction's signature
 * @param executionPrice token out per token in, fee included
 * @param amountOut      amount of token out received
 */
public record Execution(String signature, BigDecimal executionPrice, BigDecimal amountOut) {
}
