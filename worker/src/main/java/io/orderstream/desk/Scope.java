package io.orderstream.desk;

import java.util.Arrays;
import java.util.Optional;

/**
 * What a caller may do with orders. Tokens and API keys grant scopes by their names; names that
 * are none of these are ignored.
 */
public enum Scope {
    /** Get, list and watch one's own orders, and read their events. */
    READ("orders:read"),
    /** Submit orders and cancel one's own. */
    WRITE("orders:write"),
    /** Everything the other scopes allow, on every subject's orders. */
    ADMIN("orders:admin");

    private final String wireName;

    Scope(String wireName) {
        this.wireName = wireName;
    }

    /**
     * The scope's name in tokens, API key files and errors.
     *
     * @return e.g. {@code orders:read}
     */
    public String wireName() {
        return wireName;
    }

    /**
     * The scope of a name.
     *
     * @param name e.g. {@code orders:write}
     * @return the scope, or empty for a name that is none of orderstream's
     */
    public static Optional<Scope> fromWireName(String name) {
        return Arrays.stream(values()).filter(scope -> scope.wireName.equals(name)).findFirst();
    }
}
