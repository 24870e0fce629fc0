package io.orderstream.watch;

/**
 * Where one watch delivers: a gRPC stream, a WebSocket session, or one subscription on a
 * multi-order WebSocket. The registry calls a sink from the watch's own thread only, one call
 * at a time; a sink shared by several watches serialises its own writes.
 */
public interface WatchSink {
    /**
     * The watch is in place: the order's live events reach it and its history is read. Called
     * once, before anything is sent, unless the watch ended first; a face that acknowledges a
     * subscription does it here, so the acknowledgement means what it says and precedes every
     * event.
     *
     * @throws Exception when the transport failed; the watch ends
     */
    default void started() throws Exception {
        // Nothing to acknowledge.
    }

    /**
     * Sends one event; may block while the transport is full.
     *
     * @param event the next event, in seq order, shared with the order's other watchers: take its
     *              wire form from {@link SharedEvent#encoded}, so it is made once per face
     * @throws Exception when the transport failed; the watch ends
     */
    void send(SharedEvent event) throws Exception;

    /**
     * Whether the client's side is gone (closed, cancelled): a send that failed then is routine.
     *
     * @return true once the transport is closed
     */
    boolean isClosed();

    /**
     * The watch must end (its client is too slow): a {@link #send} blocked waiting for the
     * client should give up now, if it can do so without breaking the connection. Called from
     * another thread than {@link #send}.
     */
    default void interruptSend() {
        // A blocked socket write cannot be abandoned safely; it ends when the peer reads or drops.
    }

    /** The terminal event was sent; end the stream normally. */
    void complete();

    /**
     * The server ended the watch.
     *
     * @param end    why, as a kind
     * @param reason why, in words for the client
     */
    void abort(WatchEnd end, String reason);
}
