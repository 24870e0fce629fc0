package io.orderstream.error;

/**
 * A request body that is not JSON in UTF-8, by its {@code Content-Type}.
 */
public final class UnsupportedMediaTypeException extends ServiceException {
    /**
     * Creates the exception.
     *
     * @param message what was sent, and what to send instead
     */
    public UnsupportedMediaTypeException(String message) {
        super(message);
    }
}
