package io.orderstream.engine;

/** The store refused a step: someone else ended the order, or claimed it again. */
final class Superseded extends RuntimeException {
    Superseded() {
        super(null, null, false, false);
    }
}
