package io.orderstream.routing;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.orderstream.order.Quote;
import io.orderstream.tracing.TraceContext;

/**
 * Asks every DEX for a quote at once and picks the one that gives the most after fees.
 */
public final class DexRouter {
    private final List<Dex> dexes;

    /**
     * Creates a router.
     *
     * @param dexes the DEXs to ask, at least one
     */
    public DexRouter(List<Dex> dexes) {
        if (dexes.isEmpty()) {
            throw new IllegalArgumentException("A router needs at least one DEX");
        }
        this.dexes = List.copyOf(dexes);
    }

    /**
     * The DEXs this router asks.
     *
     * @return the DEXs
     */
    public List<Dex> dexes() {
        return dexes;
    }

    /**
     * The DEX of a given name.
     *
     * @param name e.g. {@code raydium}
     * @return the DEX
     * @throws DexException when there is none of that name
     */
    public Dex dex(String name) {
        return dexes.stream()
                .filter(dex -> dex.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new DexException("Unknown DEX " + name));
    }

    /**
     * Quotes from every DEX that answers, fetched in parallel, best first.
     *
     * @param tokenIn  token sold
     * @param tokenOut token bought
     * @param amount   amount sold
     * @return the quotes, best amount out first
     * @throws DexException when no DEX could quote
     * @throws InterruptedException when interrupted while waiting
     */
    public List<Quote> quotes(String tokenIn, String tokenOut, BigDecimal amount) throws InterruptedException {
        List<Quote> quotes = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        // Each quote's span a child of the routing step, though it runs on a thread of its own.
        try (ExecutorService executor = TraceContext.propagating(Executors.newVirtualThreadPerTaskExecutor())) {
            List<Future<Quote>> pending = dexes.stream()
                    .map(dex -> executor.submit(() -> dex.quote(tokenIn, tokenOut, amount)))
                    .toList();
            try {
                for (int i = 0; i < pending.size(); i++) {
                    try {
                        quotes.add(pending.get(i).get());
                    } catch (ExecutionException e) {
                        if (e.getCause() instanceof InterruptedException interrupted) {
                            throw interrupted;
                        }
                        failures.add(dexes.get(i).name() + ": " + e.getCause().getMessage());
                    }
                }
            } catch (InterruptedException e) {
                // The worker is stopping: stop the other quotes too, or closing the executor waits
                // for them (the interrupt was consumed by get, so close would not stop them).
                executor.shutdownNow();
                throw e;
            }
        }
        if (quotes.isEmpty()) {
            throw new DexException("No DEX could quote " + tokenIn + "→" + tokenOut + " (" + String.join("; ", failures)
                                           + ")");
        }
        quotes.sort(Comparator.comparing(Quote::amountOut).reversed());
        return quotes;
    }
}
