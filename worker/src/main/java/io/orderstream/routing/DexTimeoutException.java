package io.orderstream.routing;

import java.time.Duration;

/**
 * A DEX call took longer than its timeout and was abandoned. Worth retrying, but a submission
 * that timed out may still land: it is looked up before it is sent again.
 */
public final class DexTimeoutException extends TransientDexException {
    /**
     * Creates the exception.
     *
     * @param dex     the DEX
     * @param call    what was asked ({@code submit})
     * @param timeout how long it was given
     */
    public DexTimeoutException(String dex, String call, Duration timeout) {
        super(dex + " did not answer " + call + " within " + timeout.toMillis() + " ms");
    }
}
