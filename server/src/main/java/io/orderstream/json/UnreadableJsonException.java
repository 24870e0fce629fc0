package io.orderstream.json;

/**
 * What a client sent is not one JSON document; the message says why, in words for the client.
 */
public final class UnreadableJsonException extends Exception {
    /**
     * Creates the exception.
     *
     * @param reason why the JSON cannot be read
     */
    public UnreadableJsonException(String reason) {
        super(reason);
    }
}
