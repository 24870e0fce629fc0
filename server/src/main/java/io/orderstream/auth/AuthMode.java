package io.orderstream.auth;

import io.orderstream.desk.Caller;

/**
 * Whether the gateway authenticates its callers ({@code orderstream.auth.mode}).
 */
public enum AuthMode {
    /** Every request is {@link Caller#ANONYMOUS}; allowed only on loopback unless told otherwise. */
    NONE,
    /** Every request to the order API carries a JWT or an API key. */
    JWT
}
