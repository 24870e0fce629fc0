package io.orderstream.queue;

/**
 * The queue cannot take an order now: it is full, or its backend cannot be reached.
 * Callers answer 503 / UNAVAILABLE; the client may retry.
 */
public final class QueueUnavailableException extends RuntimeException {
    /**
     * Creates the exception.
     *
     * @param message why
     * @param cause   the backend's error, if any
     */
    public QueueUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
