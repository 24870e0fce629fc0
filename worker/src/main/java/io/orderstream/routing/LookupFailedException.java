package io.orderstream.routing;

/**
 * A DEX could not say whether a transaction landed. The order must wait and look again later,
 * never resend blindly, so this is not a {@link DexException} that would end the order.
 */
public final class LookupFailedException extends RuntimeException {
    /**
     * Creates the exception.
     *
     * @param message why
     * @param cause   the DEX's failure
     */
    public LookupFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
