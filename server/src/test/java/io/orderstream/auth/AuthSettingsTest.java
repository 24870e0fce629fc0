package io.orderstream.auth;

import java.util.Map;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The auth settings refuse what cannot work, naming the key, and never show the secret. */
class AuthSettingsTest {
    @Test
    void defaultIsNoneWithoutAnonymousAccessBeyondLoopback() {
        AuthSettings settings = read(Map.of());

        assertThat(settings.mode(), is(AuthMode.NONE));
        assertThat(settings.anonymousAllowed(), is(false));
        assertThat(settings.clockSkew().toSeconds(), is(30L));
    }

    @Test
    void refusesWhatCannotWork() {
        assertThat(assertThrows(IllegalArgumentException.class, () -> read(Map.of("orderstream.auth.mode", "open")))
                           .getMessage(), containsString("orderstream.auth.mode must be none or jwt"));
        assertThat(assertThrows(IllegalArgumentException.class, () -> read(Map.of("orderstream.auth.mode", "jwt")))
                           .getMessage(), containsString("nothing can verify a caller"));
        assertThat(assertThrows(IllegalArgumentException.class, () -> read(Map.of(
                "orderstream.auth.mode", "jwt", "orderstream.auth.jwt.secret", "short"))).getMessage(),
                   containsString("orderstream.auth.jwt.secret must be at least 32 bytes"));
        assertThat(assertThrows(IllegalArgumentException.class, () -> Authenticator.create(read(Map.of(
                "orderstream.auth.mode", "jwt", "orderstream.auth.jwt.jwks", "/no/such/jwks.json")))).getMessage(),
                   containsString("orderstream.auth.jwt.jwks"));
        assertThat(assertThrows(IllegalArgumentException.class, () -> Authenticator.create(read(Map.of(
                "orderstream.auth.mode", "jwt", "orderstream.auth.apikeys.file", "/no/such/keys")))).getMessage(),
                   containsString("orderstream.auth.apikeys.file"));
    }

    @Test
    void theSecretIsNeverShown() {
        String secret = "a-secret-nobody-should-see-in-a-log-line";
        AuthSettings settings = read(Map.of("orderstream.auth.mode", "jwt", "orderstream.auth.jwt.secret", secret));

        assertThat(settings.toString(), not(containsString(secret)));
    }

    private static AuthSettings read(Map<String, String> values) {
        return AuthSettings.create(Config.just(ConfigSources.create(values)));
    }
}
