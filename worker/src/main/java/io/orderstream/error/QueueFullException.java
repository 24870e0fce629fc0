package io.orderstream.error;

/**
 * The order queue holds as many unfinished orders as it may: the order was not stored. A retry
 * with the same idempotency key creates and runs the order once there is room.
 */
public final class QueueFullException extends StoreUnavailableException {
    /**
     * Creates the exception.
     *
     * @param capacity the queue's bound
     */
    public QueueFullException(int capacity) {
        super("The order queue is full (" + capacity + " unfinished orders)", null);
    }
}
