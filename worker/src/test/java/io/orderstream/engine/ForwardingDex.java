package io.orderstream.engine;

import java.math.BigDecimal;
import java.util.Optional;

import io.orderstream.order.Quote;
import io.orderstream.routing.Dex;
import io.orderstream.routing.Execution;
import io.orderstream.routing.SignedTransaction;

/** A DEX that passes every call on; tests override the call whose failure they stage. */
class ForwardingDex implements Dex {
    private final Dex dex;

    ForwardingDex(Dex dex) {
        this.dex = dex;
    }

    @Override
    public String name() {
        return dex.name();
    }

    @Override
    public Quote quote(String tokenIn, String tokenOut, BigDecimal amount) throws InterruptedException {
        return dex.quote(tokenIn, tokenOut, amount);
    }

    @Override
    public SignedTransaction build(Quote quote, BigDecimal amount, BigDecimal minAmountOut) throws InterruptedException {
        return dex.build(quote, amount, minAmountOut);
    }

    @Override
    public Execution submit(SignedTransaction transaction) throws InterruptedException {
        return dex.submit(transaction);
    }

    @Override
    public Optional<Execution> lookup(String signature) {
        return dex.lookup(signature);
    }
}
