package io.orderstream.order;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * A validated market order as a client asked for it.
 *
 * @param tokenIn         symbol of the token sold
 * @param tokenOut        symbol of the token bought
 * @param amount          amount of {@code tokenIn}, positive
 * @param slippagePercent largest accepted price impact in percent (0.5 means 0.5 %)
 * @param clientOrderId   idempotency key, if the client gave one
 */
public record OrderRequest(String tokenIn,
                           String tokenOut,
                           BigDecimal amount,
                           BigDecimal slippagePercent,
                           Optional<String> clientOrderId) {

    /**
     * Whether another request asks for the same order (the idempotency key aside).
     *
     * @param other another request
     * @return true when tokens, amount and slippage are equal in value
     */
    public boolean sameOrderAs(OrderRequest other) {
        return tokenIn.equals(other.tokenIn)
                && tokenOut.equals(other.tokenOut)
                && amount.compareTo(other.amount) == 0
                && slippagePercent.compareTo(other.slippagePercent) == 0;
    }
}
