package io.orderstream.bench;

/**
 * Idle watches that the memory benchmark opens and holds on one gateway: each is attached once
 * the gateway has confirmed it (a {@code subscribed} message, or a stream's first event), and then
 * stays open with nothing to send until it is closed.
 */
interface HeldConnections extends AutoCloseable {
    /**
     * Starts opening more watches; returns before they are attached.
     *
     * @param count how many more
     * @throws InterruptedException when interrupted while waiting for a free opening slot
     */
    void open(int count) throws InterruptedException;

    /**
     * Watches asked for so far.
     *
     * @return count
     */
    int opened();

    /**
     * Watches the gateway has confirmed and that are still open.
     *
     * @return count
     */
    int attached();

    /**
     * Watches that failed to open or were closed by the gateway.
     *
     * @return count
     */
    int failed();

    /**
     * Transport connections that carry the watches (one per WebSocket; gRPC streams share them).
     *
     * @return count
     */
    int connections();

    /** Closes every watch and whatever carries them. */
    @Override
    void close();
}
