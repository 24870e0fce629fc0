package io.orderstream.routing;

import java.math.BigDecimal;

import io.orderstream.order.Quote;

/**
 * A swap transaction, built and signed, not yet sent.
 *
 * @param signature    base58 signature, which identifies the transaction on chain
 * @param quote        the quote it trades on
 * @param amount       amount sold
 * @param minAmountOut least amount out the transaction accepts
 */
public record SignedTransaction(String signature, Quote quote, BigDecimal amount, BigDecimal minAmountOut) {
}
