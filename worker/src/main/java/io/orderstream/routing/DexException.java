package io.orderstream.routing;

/**
 * A DEX could not do what was asked; the message says why, in words fit for a client.
 */
public class DexException extends RuntimeException {
    /**
     * Creates the exception.
     *
     * @param message why
     */
    public DexException(String message) {
        super(message);
    }
}
