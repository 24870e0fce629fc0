package io.orderstream.limits;

/**
 * Whom a call counts against: {@code subject:<sub>} for an authenticated caller, or in anonymous
 * mode {@code address:<ip>} for the client's address. An exempt key counts against nothing.
 *
 * @param name   the name limits are kept under, on this gateway and in Redis
 * @param exempt whether no limit applies
 */
public record QuotaKey(String name, boolean exempt) {
}
