package io.orderstream.desk;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

import io.orderstream.error.PermissionDeniedException;
import io.orderstream.order.Order;

/**
 * Who is calling, as every face establishes it (the gateway from a bearer JWT or an API key): a
 * subject, which owns the orders it submits, and what it may do. The use cases of {@link OrderDesk}
 * allow each call by the caller's scopes and, for an order, by whether its subject owns it.
 *
 * @param subject the caller's stable name (a token's {@code sub}, or an API key's subject)
 * @param scopes  what it was granted
 */
public record Caller(String subject, Set<Scope> scopes) {
    /** Longest subject kept: an order's owner column holds this many characters. */
    public static final int MAX_SUBJECT_LENGTH = 255;

    /**
     * Every request while the gateway runs without authentication: it owns the orders submitted
     * then, and may do everything, so such a gateway behaves as if there were no owners.
     */
    public static final Caller ANONYMOUS = new Caller(Order.ANONYMOUS_OWNER, EnumSet.allOf(Scope.class));

    /**
     * Validates the caller.
     *
     * @param subject not blank, at most {@value #MAX_SUBJECT_LENGTH} characters
     * @param scopes  possibly none
     */
    public Caller {
        Objects.requireNonNull(subject, "subject");
        if (subject.isBlank() || subject.length() > MAX_SUBJECT_LENGTH) {
            throw new IllegalArgumentException("A subject must be 1 to " + MAX_SUBJECT_LENGTH + " characters");
        }
        scopes = Set.copyOf(scopes);
    }

    /**
     * Whether this caller may do what a scope allows; {@link Scope#ADMIN} allows everything.
     *
     * @param scope the scope needed
     * @return true when granted, directly or through admin
     */
    public boolean has(Scope scope) {
        return scopes.contains(scope) || scopes.contains(Scope.ADMIN);
    }

    /**
     * Fails unless this caller has a scope.
     *
     * @param scope the scope needed
     * @throws PermissionDeniedException when it does not
     */
    public void require(Scope scope) {
        if (!has(scope)) {
            throw new PermissionDeniedException(scope.wireName());
        }
    }

    /**
     * Whether this caller may see and act on the orders of every subject.
     *
     * @return true with {@link Scope#ADMIN}
     */
    public boolean isAdmin() {
        return scopes.contains(Scope.ADMIN);
    }
}
