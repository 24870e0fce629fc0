package io.orderstream.bench;

import java.time.Duration;

/**
 * Submits one order and watches it to its end, as a user's program does. Safe for concurrent
 * use: the load runs many orders through one client at once.
 */
interface OrderClient extends AutoCloseable {
    /** Longest wait for a submit's answer; a slower one is an error. */
    Duration SUBMIT_LIMIT = Duration.ofSeconds(5);
    /** Longest wait from the submit to the terminal event; a slower order is reported as late. */
    Duration TERMINAL_LIMIT = Duration.ofSeconds(5);

    /**
     * Submits an order, watches it, and says what became of it. Never throws for what the server
     * does: a refused submit or a broken watch is an {@link Outcome.Kind#ERROR} outcome.
     *
     * @param n the order's number in the run; spreads orders over the gateways
     * @return the outcome
     * @throws InterruptedException when the run is being stopped
     */
    Outcome execute(int n) throws InterruptedException;

    /** Releases connections; orders still in flight end as errors. */
    @Override
    void close();
}
