package io.orderstream.rest;

/**
 * A request body that is not the JSON object expected. REST 400.
 */
final class MalformedBodyException extends RuntimeException {
    MalformedBodyException(String message) {
        super(message);
    }
}
