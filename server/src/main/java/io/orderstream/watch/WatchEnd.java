package io.orderstream.watch;

/**
 * Why a watch ended.
 */
public enum WatchEnd {
    /** The terminal event was delivered. */
    COMPLETED,
    /** The client left: closed, cancelled or dropped. */
    CANCELLED,
    /** The client did not keep up and its buffer filled; it may resume with its last seq. */
    SLOW_CONSUMER,
    /** The server is stopping. */
    SHUTDOWN,
    /** Sending failed, or the history could not be read. */
    FAILED
}
