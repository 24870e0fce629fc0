package io.orderstream.order;

import java.math.BigDecimal;

/**
 * One DEX's answer to "how much token out for this amount".
 *
 * @param dex       the DEX's name, e.g. {@code raydium}
 * @param price     token out per token in, before the fee
 * @param feeBps    the DEX's fee in basis points
 * @param amountOut amount of token out after the fee
 */
public record Quote(String dex, BigDecimal price, int feeBps, BigDecimal amountOut) {
    /** Decimal places of amounts out (Solana tokens have at most 9). */
    public static final int AMOUNT_SCALE = 9;
}
