package io.orderstream.error;

/**
 * A request body that is not the JSON object expected: none, not JSON, or not an object.
 */
public final class MalformedBodyException extends ServiceException {
    /**
     * Creates the exception.
     *
     * @param message what is wrong with the body
     */
    public MalformedBodyException(String message) {
        super(message);
    }
}
