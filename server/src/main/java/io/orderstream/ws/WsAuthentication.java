package io.orderstream.ws;

import java.util.Optional;

import io.orderstream.auth.Authenticator;
import io.orderstream.auth.Credentials;
import io.orderstream.desk.Caller;
import io.orderstream.error.AuthenticationException;

import io.helidon.common.uri.UriQuery;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Headers;
import io.helidon.websocket.WsUpgradeException;

/**
 * Who opens a WebSocket, decided at the upgrade, where the request's headers are still visible
 * (Helidon shows none in {@code onOpen}). Browsers cannot set headers on a WebSocket, so besides
 * {@code Authorization} and {@code X-Api-Key} the token may come as the {@code access_token}
 * query parameter, which nothing here logs. {@link UpgradeAuthentication} has answered 401 to an
 * upgrade these credentials do not authenticate before the listener runs; the listener's own
 * refusal ({@code WsUpgradeException}, a bare 400) is the fallback should that ever not hold.
 */
final class WsAuthentication {
    private static final HeaderName API_KEY = HeaderNames.create(Credentials.API_KEY_HEADER);

    private WsAuthentication() {
    }

    /**
     * The caller of an upgrade that must carry its credential.
     *
     * @throws WsUpgradeException when it carries none, or one that is refused
     */
    static Caller require(Authenticator authenticator, UriQuery query, Headers headers) {
        try {
            return authenticator.authenticate(credentials(query, headers));
        } catch (AuthenticationException e) {
            throw new WsUpgradeException(e.getMessage());
        }
    }

    /**
     * The caller of an upgrade that may authenticate later, with its first message.
     *
     * @return the caller, or empty when nothing was sent and one is needed
     * @throws WsUpgradeException when a credential was sent and refused
     */
    static Optional<Caller> optional(Authenticator authenticator, UriQuery query, Headers headers) {
        try {
            return authenticator.authenticateIfPresent(credentials(query, headers));
        } catch (AuthenticationException e) {
            throw new WsUpgradeException(e.getMessage());
        }
    }

    static Credentials credentials(UriQuery query, Headers headers) {
        return new Credentials(headers.first(HeaderNames.AUTHORIZATION), headers.first(API_KEY),
                               query.first(Credentials.ACCESS_TOKEN_PARAMETER).asOptional());
    }
}
