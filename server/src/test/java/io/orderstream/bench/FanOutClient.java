package io.orderstream.bench;

import java.io.IOException;

/**
 * One client process of the fan-out mode: it submits an order and opens many watchers of it,
 * spread over the gateways and over a few connections or HTTP clients of its own.
 */
interface FanOutClient extends AutoCloseable {
    /**
     * Submits one order.
     *
     * @return the order's id
     * @throws IOException          when the gateway refuses it or does not answer in time
     * @throws InterruptedException when the run is being stopped
     */
    String submit() throws IOException, InterruptedException;

    /**
     * Cancels an order, which the gateway allows until it is submitted to a DEX.
     *
     * @param orderId the order
     * @throws IOException          when the gateway refuses or does not answer in time
     * @throws InterruptedException when the run is being stopped
     */
    void cancel(String orderId) throws IOException, InterruptedException;

    /**
     * Starts a watcher of an order; it attaches on its own.
     *
     * @param orderId the order
     * @param n       the watcher's number in its round; spreads watchers over gateways and connections
     * @return the watcher
     */
    Watcher<?> watch(String orderId, int n);

    /** Stops every connection and thread this client started. */
    @Override
    void close();
}
