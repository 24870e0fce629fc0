package io.orderstream.order;

import java.math.BigDecimal;
import java.math.RoundingMode;

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

    /**
     * The least amount out a quote may give under a slippage bound.
     *
     * @param quotedOut       the quote's amount out
     * @param slippagePercent the bound in percent
     * @return minimum amount out, rounded down
     */
    public static BigDecimal minAmountOut(BigDecimal quotedOut, BigDecimal slippagePercent) {
        BigDecimal keep = BigDecimal.ONE.subtract(slippagePercent.movePointLeft(2));
        return quotedOut.multiply(keep).setScale(AMOUNT_SCALE, RoundingMode.DOWN).stripTrailingZeros();
    }
}
