package io.orderstream.routing;

/**
 * A failure worth retrying: a dropped RPC, an expired blockhash, a congested leader.
 */
public class TransientDexException extends DexException {
    /**
     * Creates the exception.
     *
     * @param message why
     */
    public TransientDexException(String message) {
        super(message);
    }
}
