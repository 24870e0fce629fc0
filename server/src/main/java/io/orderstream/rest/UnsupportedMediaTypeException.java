package io.orderstream.rest;

/**
 * A request body that is not JSON. REST 415.
 */
final class UnsupportedMediaTypeException extends RuntimeException {
    UnsupportedMediaTypeException(String message) {
        super(message);
    }
}
