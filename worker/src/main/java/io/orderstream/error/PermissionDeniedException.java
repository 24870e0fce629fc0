package io.orderstream.error;

/**
 * The caller is authenticated but lacks the scope an operation needs.
 */
public final class PermissionDeniedException extends ServiceException {
    private final String requiredScope;

    /**
     * Creates the exception.
     *
     * @param requiredScope the scope that was needed, as tokens carry it ({@code orders:write})
     */
    public PermissionDeniedException(String requiredScope) {
        super("This needs the scope " + requiredScope, null, false);
        this.requiredScope = requiredScope;
    }

    /**
     * The scope that was needed.
     *
     * @return the scope, as tokens carry it
     */
    public String requiredScope() {
        return requiredScope;
    }
}
