package io.orderstream.routing;

import java.math.BigDecimal;
import java.util.Optional;

import io.orderstream.order.Quote;

/**
 * A decentralised exchange the router can trade on. A real DEX client (Raydium's or Meteora's
 * SDK over RPC) implements this; {@link io.orderstream.dexsim.MockDex} simulates one. Calls block; they run on
 * virtual threads.
 */
public interface Dex {
    /**
     * The DEX's name as clients see it ({@code raydium}).
     *
     * @return lowercase name
     */
    String name();

    /**
     * How much {@code tokenOut} this DEX gives for {@code amount} of {@code tokenIn}, after its fee.
     *
     * @param tokenIn  token sold
     * @param tokenOut token bought
     * @param amount   amount sold
     * @return the quote
     * @throws DexException when the DEX cannot quote
     * @throws InterruptedException when the worker is stopping
     */
    Quote quote(String tokenIn, String tokenOut, BigDecimal amount) throws InterruptedException;

    /**
     * Builds and signs a swap transaction for a quote; nothing is sent yet.
     *
     * @param quote        the chosen quote
     * @param amount       amount sold
     * @param minAmountOut the least the swap may give, or the transaction fails on chain
     * @return the signed transaction, identified by its signature
     * @throws InterruptedException when the worker is stopping
     */
    SignedTransaction build(Quote quote, BigDecimal amount, BigDecimal minAmountOut) throws InterruptedException;

    /**
     * Sends a signed transaction and waits until it is confirmed.
     *
     * @param transaction the transaction
     * @return what the swap did
     * @throws TransientDexException when sending failed in a way worth retrying
     * @throws SlippageExceededException when the price moved past the transaction's minimum out
     * @throws InterruptedException when the worker is stopping; the transaction may have been sent
     */
    Execution submit(SignedTransaction transaction) throws InterruptedException;

    /**
     * Looks a transaction up by signature, so one that may have been sent is never sent twice.
     *
     * @param signature the transaction's signature
     * @return its execution, when it landed
     */
    Optional<Execution> lookup(String signature);
}
