package io.orderstream.error;

/**
 * The caller could not be authenticated: no credential where one is needed, or one that is
 * malformed, expired, signed by no key this gateway trusts, or meant for another issuer or
 * audience.
 * <p>
 * The message is for the client: it says what is wrong with the credential, never the credential.
 */
public final class AuthenticationException extends ServiceException {
    private final boolean missing;

    private AuthenticationException(String message, boolean missing) {
        super(message, null, false);
        this.missing = missing;
    }

    /**
     * No credential was sent.
     *
     * @return the exception
     */
    public static AuthenticationException missing() {
        return new AuthenticationException("Authentication required: send 'Authorization: Bearer <token>'"
                                                   + " (a JWT or an API key)", true);
    }

    /**
     * A credential was sent but is not accepted.
     *
     * @param why what is wrong with it, for the client
     * @return the exception
     */
    public static AuthenticationException invalid(String why) {
        return new AuthenticationException(why, false);
    }

    /**
     * Whether no credential was sent at all (RFC 6750 then gives no error code), rather than a bad one.
     *
     * @return true when missing
     */
    public boolean isMissing() {
        return missing;
    }
}
