package io.orderstream.rest;

import io.orderstream.error.AuthenticationException;
import io.orderstream.error.PermissionDeniedException;

/**
 * The {@code WWW-Authenticate} challenge of RFC 6750 that goes with a 401 or 403: none but the
 * realm when no credential was sent, {@code invalid_token} when the one sent was refused, and
 * {@code insufficient_scope} with the scope needed.
 */
final class BearerChallenge {
    private static final String REALM = "Bearer realm=\"orderstream\"";

    private BearerChallenge() {
    }

    static String of(AuthenticationException e) {
        // RFC 6750 3.1: a request without credentials gets no error code.
        return e.isMissing() ? REALM
                : REALM + ", error=\"invalid_token\", error_description=\"" + quotable(e.getMessage()) + "\"";
    }

    static String of(PermissionDeniedException e) {
        return REALM + ", error=\"insufficient_scope\", error_description=\"" + quotable(e.getMessage())
                + "\", scope=\"" + e.requiredScope() + "\"";
    }

    /** RFC 6750 allows printable ASCII but {@code "} and {@code \} inside these quotes. */
    private static String quotable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.chars().forEach(c -> out.append(c >= 0x20 && c <= 0x7e && c != '"' && c != '\\' ? (char) c : '\''));
        return out.toString();
    }
}
