package io.orderstream.routing;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.orderstream.order.Quote;

/**
 * A DEX whose every call gives up after a timeout, which the worker keeps shorter than its
 * claim on the order: a call that hangs can neither hold an order forever nor outlive the
 * claim it runs under. Each call runs on a virtual thread of its own and is interrupted when
 * abandoned.
 */
public final class TimedDex implements Dex {
    private final Dex dex;
    private final Duration timeout;

    /**
     * Wraps a DEX.
     *
     * @param dex     the DEX
     * @param timeout longest time any one call may take
     */
    public TimedDex(Dex dex, Duration timeout) {
        this.dex = dex;
        this.timeout = timeout;
    }

    @Override
    public String name() {
        return dex.name();
    }

    @Override
    public Quote quote(String tokenIn, String tokenOut, BigDecimal amount) throws InterruptedException {
        return timed("quote", () -> dex.quote(tokenIn, tokenOut, amount));
    }

    @Override
    public SignedTransaction build(Quote quote, BigDecimal amount, BigDecimal minAmountOut)
            throws InterruptedException {
        return timed("build", () -> dex.build(quote, amount, minAmountOut));
    }

    @Override
    public Execution submit(SignedTransaction transaction) throws InterruptedException {
        return timed("submit", () -> dex.submit(transaction));
    }

    @Override
    public Optional<Execution> lookup(String signature) {
        try {
            return timed("lookup", () -> dex.lookup(signature));
        } catch (DexTimeoutException e) {
            throw new LookupFailedException(e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LookupFailedException("Interrupted looking up " + signature + " on " + dex.name(), e);
        }
    }

    private <T> T timed(String call, Callable<T> work) throws InterruptedException {
        FutureTask<T> task = new FutureTask<>(work);
        Thread.ofVirtual().name("dex-" + dex.name() + "-" + call).start(task);
        try {
            return task.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new DexTimeoutException(dex.name(), call, timeout);
        } catch (ExecutionException e) {
            switch (e.getCause()) {
                case RuntimeException failure -> throw failure;
                case InterruptedException interrupted -> throw interrupted;
                case Error error -> throw error;
                default -> throw new DexException(dex.name() + " failed: " + e.getCause().getMessage());
            }
        } finally {
            // A no-op when done; abandoned (timed out, or the worker is stopping), it is interrupted.
            task.cancel(true);
        }
    }
}
