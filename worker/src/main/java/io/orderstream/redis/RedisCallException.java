package io.orderstream.redis;

import org.redisson.client.RedisException;

/**
 * A Redis call failed: Redis answered with an error, could not be reached, or did not answer in time.
 */
public final class RedisCallException extends RuntimeException {
    /**
     * Creates the exception.
     *
     * @param message why
     * @param cause   Redisson's error, or the timeout
     */
    public RedisCallException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Whether Redis itself answered with this error code, e.g. {@code NOGROUP}.
     *
     * @param code the error code Redis puts first in its error reply
     * @return true when some cause is a Redis error reply carrying the code
     */
    public boolean isErrorReply(String code) {
        for (Throwable t = getCause(); t != null; t = t.getCause()) {
            if (t instanceof RedisException && t.getMessage() != null && t.getMessage().contains(code)) {
                return true;
            }
        }
        return false;
    }
}
