package io.orderstream.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.Map;
import java.util.Optional;

import io.orderstream.desk.Caller;
import io.orderstream.desk.Scope;
import io.orderstream.error.AuthenticationException;
import io.orderstream.testing.Tokens;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The authenticator's own rules, on a fixed clock: skew, scope claims, and what none mode ignores. */
class AuthenticatorTest {
    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    private static final Authenticator JWT = Authenticator.create(AuthSettings.create(Config.just(ConfigSources.create(
            Map.of("orderstream.auth.mode", "jwt", "orderstream.auth.jwt.secret", Tokens.SECRET,
                   "orderstream.auth.jwt.issuer", Tokens.ISSUER, "orderstream.auth.jwt.audience", Tokens.AUDIENCE)))),
            Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void expiryAndNotBeforeAreAllowedThirtySecondsOfSkew() {
        assertThat(JWT.authenticate(bearer(expiringAt(NOW.minusSeconds(29)))).subject(), is("alice"));
        assertThat(assertThrows(AuthenticationException.class, () -> JWT.authenticate(bearer(expiringAt(
                NOW.minusSeconds(31))))).getMessage(), containsString("expired"));
        assertThat(JWT.authenticate(bearer(Tokens.hs256(Tokens.SECRET, claims().notBeforeTime(
                Date.from(NOW.plusSeconds(29)))))).subject(), is("alice"));
        assertThat(assertThrows(AuthenticationException.class, () -> JWT.authenticate(bearer(Tokens.hs256(
                Tokens.SECRET, claims().notBeforeTime(Date.from(NOW.plusSeconds(31))))))).getMessage(),
                   containsString("not valid yet"));
        assertThat(assertThrows(AuthenticationException.class, () -> JWT.authenticate(bearer(Tokens.hs256(
                Tokens.SECRET, claims().expirationTime(null))))).getMessage(), containsString("no expiry"));
    }

    @Test
    void scopesComeFromScopeOrScpAndUnknownOnesAreIgnored() {
        Caller spaced = JWT.authenticate(bearer(Tokens.hs256(Tokens.SECRET, claims()
                .claim("scope", "openid orders:read orders:write"))));
        Caller listed = JWT.authenticate(bearer(Tokens.hs256(Tokens.SECRET, claims().claim("scope", null)
                .claim("scp", java.util.List.of("orders:admin", "profile")))));

        assertThat(spaced.scopes(), is(java.util.Set.of(Scope.READ, Scope.WRITE)));
        assertThat(listed.isAdmin(), is(true));
        assertThat(listed.has(Scope.WRITE), is(true));
    }

    @Test
    void noneModeIsAnonymousWhateverIsSent() {
        Authenticator none = Authenticator.create(AuthSettings.create(Config.just(ConfigSources.create(Map.of()))));

        assertThat(none.authenticate(Credentials.NONE), is(Caller.ANONYMOUS));
        assertThat(none.authenticate(bearer("garbage")), is(Caller.ANONYMOUS));
        assertThat(JWT.authenticateIfPresent(Credentials.NONE), is(Optional.empty()));
    }

    private static Credentials bearer(String token) {
        return Credentials.bearer(token);
    }

    private static String expiringAt(Instant expiry) {
        return Tokens.hs256(Tokens.SECRET, claims().expirationTime(Date.from(expiry)));
    }

    private static com.nimbusds.jwt.JWTClaimsSet.Builder claims() {
        return Tokens.claims("alice", "orders:read").issueTime(Date.from(NOW.minus(Duration.ofMinutes(1))))
                .expirationTime(Date.from(NOW.plus(Duration.ofMinutes(5))));
    }
}
