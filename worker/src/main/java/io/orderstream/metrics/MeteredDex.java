package io.orderstream.metrics;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.orderstream.order.Quote;
import io.orderstream.routing.Dex;
import io.orderstream.routing.Execution;
import io.orderstream.routing.SignedTransaction;

import io.helidon.metrics.api.Timer;

/**
 * A DEX whose calls are timed, per DEX and call ({@code orderstream_dex_call_seconds}), as the
 * engine sees them: a call that fails or times out counts with the time it took to fail.
 */
public final class MeteredDex implements Dex {
    private final Dex dex;
    private final Timer quotes;
    private final Timer builds;
    private final Timer submits;
    private final Timer lookups;

    /**
     * Wraps a DEX.
     *
     * @param dex    the DEX, with its timeouts
     * @param meters where its timers are registered
     */
    public MeteredDex(Dex dex, MeterSet meters) {
        this.dex = dex;
        this.quotes = timer(meters, dex.name(), "quote");
        this.builds = timer(meters, dex.name(), "build");
        this.submits = timer(meters, dex.name(), "submit");
        this.lookups = timer(meters, dex.name(), "lookup");
    }

    private static Timer timer(MeterSet meters, String dex, String call) {
        return meters.timer("orderstream.dex.call", "Time of each DEX call, by DEX and call", "dex", dex,
                            "call", call);
    }

    @Override
    public String name() {
        return dex.name();
    }

    @Override
    public Quote quote(String tokenIn, String tokenOut, BigDecimal amount) throws InterruptedException {
        long start = System.nanoTime();
        try {
            return dex.quote(tokenIn, tokenOut, amount);
        } finally {
            quotes.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public SignedTransaction build(Quote quote, BigDecimal amount, BigDecimal minAmountOut)
            throws InterruptedException {
        long start = System.nanoTime();
        try {
            return dex.build(quote, amount, minAmountOut);
        } finally {
            builds.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public Execution submit(SignedTransaction transaction) throws InterruptedException {
        long start = System.nanoTime();
        try {
            return dex.submit(transaction);
        } finally {
            submits.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public Optional<Execution> lookup(String signature) {
        long start = System.nanoTime();
        try {
            return dex.lookup(signature);
        } finally {
            lookups.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
    }
}
