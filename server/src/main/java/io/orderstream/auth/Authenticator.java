package io.orderstream.auth;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;

import io.orderstream.desk.Caller;
import io.orderstream.error.AuthenticationException;

/**
 * Who is calling, the same way on every face: REST, both WebSocket endpoints and gRPC on both
 * ports hand it the {@link Credentials} their transport carried and get a {@link Caller}, or
 * an {@link AuthenticationException} to answer in their own terms.
 * <p>
 * In {@link AuthMode#NONE} every caller is {@link Caller#ANONYMOUS}, whatever it sends. In
 * {@link AuthMode#JWT} a caller sends exactly one credential: a bearer token (a JWT, or a static
 * API key) in {@code Authorization}, or an API key in {@code X-Api-Key}, or on a WebSocket
 * upgrade a token in {@code access_token}.
 * Thread-safe.
 */
public final class Authenticator {
    private static final String BEARER = "bearer ";

    private final AuthMode mode;
    private final Optional<JwtVerifier> jwt;
    private final ApiKeys apiKeys;

    private Authenticator(AuthMode mode, Optional<JwtVerifier> jwt, ApiKeys apiKeys) {
        this.mode = mode;
        this.jwt = jwt;
        this.apiKeys = apiKeys;
    }

    /**
     * An authenticator for the configured mode, keys and checks.
     *
     * @param settings the auth settings
     * @return the authenticator
     * @throws IllegalArgumentException when the JWKS or the API key file cannot be read
     */
    public static Authenticator create(AuthSettings settings) {
        return create(settings, Clock.systemUTC());
    }

    static Authenticator create(AuthSettings settings, Clock clock) {
        if (settings.mode() == AuthMode.NONE) {
            return new Authenticator(AuthMode.NONE, Optional.empty(), ApiKeys.none());
        }
        return new Authenticator(AuthMode.JWT, JwtVerifier.create(settings, clock),
                                 settings.apiKeysFile().map(file -> ApiKeys.load(Path.of(file))).orElse(ApiKeys.none()));
    }

    /**
     * The caller of a request.
     *
     * @param credentials what the request carried
     * @return the caller
     * @throws AuthenticationException when none is sent (outside {@code none} mode), more than one
     *                                 is sent, or the one sent is not accepted
     */
    public Caller authenticate(Credentials credentials) {
        return authenticateIfPresent(credentials).orElseThrow(AuthenticationException::missing);
    }

    /**
     * The caller of a request that may still authenticate later (a {@code /ws} connection, whose
     * first message may carry the token).
     *
     * @param credentials what the request carried
     * @return the caller; empty when nothing was sent and one is needed
     * @throws AuthenticationException when more than one credential is sent, or the one sent is
     *                                 not accepted
     */
    public Optional<Caller> authenticateIfPresent(Credentials credentials) {
        if (mode == AuthMode.NONE) {
            return Optional.of(Caller.ANONYMOUS);
        }
        int sent = (credentials.authorization().isPresent() ? 1 : 0) + (credentials.apiKey().isPresent() ? 1 : 0)
                + (credentials.accessToken().isPresent() ? 1 : 0);
        if (sent == 0) {
            return Optional.empty();
        }
        if (sent > 1) {
            throw AuthenticationException.invalid("Send one credential: the Authorization header, X-Api-Key or"
                                                          + " access_token, not several");
        }
        if (credentials.apiKey().isPresent()) {
            return Optional.of(apiKeys.find(credentials.apiKey().get().trim())
                                       .orElseThrow(() -> AuthenticationException.invalid("Unknown API key")));
        }
        String token = credentials.accessToken().orElseGet(() -> bearerToken(credentials.authorization().get()));
        return Optional.of(token(token.trim()));
    }

    private Caller token(String token) {
        if (token.isEmpty()) {
            throw AuthenticationException.invalid("The bearer token is empty");
        }
        Optional<Caller> key = apiKeys.find(token);
        if (key.isPresent()) {
            return key.get();
        }
        return jwt.orElseThrow(() -> AuthenticationException.invalid("Unknown API key (this gateway takes no JWTs)"))
                .verify(token);
    }

    private static String bearerToken(String authorization) {
        // The scheme is case-insensitive (RFC 9110); the token follows one space.
        if (authorization.length() < BEARER.length()
                || !authorization.substring(0, BEARER.length()).toLowerCase(Locale.ROOT).equals(BEARER)) {
            throw AuthenticationException.invalid("The Authorization header must be 'Bearer <token>'");
        }
        return authorization.substring(BEARER.length());
    }
}
