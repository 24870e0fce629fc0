package io.orderstream.auth;

import java.util.Optional;

/**
 * What a request offered to prove who sent it, as the face found it, unchecked. Each face fills
 * in what its transport carries: the {@code Authorization} header (gRPC: metadata), the
 * {@code X-Api-Key} header, and on WebSocket upgrades the RFC 6750 {@code access_token} query
 * parameter, which browsers can send where they cannot set headers.
 *
 * @param authorization the {@code Authorization} header, e.g. {@code Bearer eyJ…}
 * @param apiKey        the {@code X-Api-Key} header
 * @param accessToken   the {@code access_token} query parameter
 */
public record Credentials(Optional<String> authorization, Optional<String> apiKey, Optional<String> accessToken) {
    /** The header (gRPC: metadata key) of a static API key. */
    public static final String API_KEY_HEADER = "X-Api-Key";
    /** The query parameter of a token on a WebSocket upgrade (RFC 6750 2.3). */
    public static final String ACCESS_TOKEN_PARAMETER = "access_token";
    /** Nothing offered. */
    public static final Credentials NONE = new Credentials(Optional.empty(), Optional.empty(), Optional.empty());

    /**
     * A bearer token alone, as a {@code /ws} {@code auth} message carries it.
     *
     * @param token the token (a JWT or an API key)
     * @return the credentials
     */
    public static Credentials bearer(String token) {
        return new Credentials(Optional.of("Bearer " + token), Optional.empty(), Optional.empty());
    }

    /**
     * Whether anything was offered at all.
     *
     * @return true when at least one credential is present
     */
    public boolean present() {
        return authorization.isPresent() || apiKey.isPresent() || accessToken.isPresent();
    }

    /** Never the credentials themselves: this may end up in a log. */
    @Override
    public String toString() {
        return "Credentials[authorization=" + authorization.isPresent() + ", apiKey=" + apiKey.isPresent()
                + ", accessToken=" + accessToken.isPresent() + "]";
    }
}
