package io.orderstream.routing;

import java.math.BigDecimal;
import java.util.Optional;

import io.orderstream.order.Quote;
import io.orderstream.tracing.Traced;

/**
 * A DEX whose calls are spans of the order's trace ({@code quote raydium}, {@code submit
 * meteora}, …), children of the step that makes them; a call that fails is marked failed.
 */
public final class TracedDex implements Dex {
    private static final String DEX = "orderstream.dex";
    private final Dex dex;
    private final String quote;
    private final String build;
    private final String submit;
    private final String lookup;

    /**
     * Wraps a DEX.
     *
     * @param dex the DEX
     */
    public TracedDex(Dex dex) {
        this.dex = dex;
        this.quote = "quote " + dex.name();
        this.build = "build " + dex.name();
        this.submit = "submit " + dex.name();
        this.lookup = "lookup " + dex.name();
    }

    @Override
    public String name() {
        return dex.name();
    }

    @Override
    public Quote quote(String tokenIn, String tokenOut, BigDecimal amount) throws InterruptedException {
        try (Traced span = Traced.call(quote).attribute(DEX, dex.name())) {
            try {
                return dex.quote(tokenIn, tokenOut, amount);
            } catch (RuntimeException e) {
                span.fail(e);
                throw e;
            }
        }
    }

    @Override
    public SignedTransaction build(Quote chosen, BigDecimal amount, BigDecimal minAmountOut)
            throws InterruptedException {
        try (Traced span = Traced.call(build).attribute(DEX, dex.name())) {
            try {
                return dex.build(chosen, amount, minAmountOut);
            } catch (RuntimeException e) {
                span.fail(e);
                throw e;
            }
        }
    }

    @Override
    public Execution submit(SignedTransaction transaction) throws InterruptedException {
        try (Traced span = Traced.call(submit).attribute(DEX, dex.name())) {
            try {
                return dex.submit(transaction);
            } catch (RuntimeException e) {
                span.fail(e);
                throw e;
            }
        }
    }

    @Override
    public Optional<Execution> lookup(String signature) {
        try (Traced span = Traced.call(lookup).attribute(DEX, dex.name())) {
            try {
                return dex.lookup(signature);
            } catch (RuntimeException e) {
                span.fail(e);
                throw e;
            }
        }
    }
}
