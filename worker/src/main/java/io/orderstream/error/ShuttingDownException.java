package io.orderstream.error;

/**
 * The gateway is stopping and takes no new watch: the client resumes elsewhere with its last seq.
 */
public final class ShuttingDownException extends ServiceException {
    /** Creates the exception. */
    public ShuttingDownException() {
        super("The server is shutting down");
    }
}
