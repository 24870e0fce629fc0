package io.orderstream.auth;

/**
 * The caller is authenticated but lacks the scope an operation needs. REST 403, gRPC
 * PERMISSION_DENIED, WebSocket close 4403 ({@code /ws}: a {@code forbidden} error).
 */
public final class PermissionDeniedException extends RuntimeException {
    private final transient Scope required;

    /**
     * Creates the exception.
     *
     * @param required the scope that was needed
     */
    public PermissionDeniedException(Scope required) {
        super("This needs the scope " + required.wireName(), null, false, false);
        this.required = required;
    }

    /**
     * The scope that was needed.
     *
     * @return the scope
     */
    public Scope required() {
        return required;
    }
}
