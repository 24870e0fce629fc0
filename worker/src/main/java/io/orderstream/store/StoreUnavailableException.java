package io.orderstream.store;

/**
 * The order store cannot serve a request now: the database is unreachable or failed. Nothing
 * the client did is wrong; faces answer 503 / UNAVAILABLE and the client may retry.
 */
public class StoreUnavailableException extends RuntimeException {
    /**
     * Creates the exception.
     *
     * @param message why
     * @param cause   the database's error, if any
     */
    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
