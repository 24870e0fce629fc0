package io.orderstream.auth;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.orderstream.config.ConfigKey;

import io.helidon.config.Config;

/**
 * How the gateway authenticates its callers.
 *
 * @param mode             {@code none} (everyone is anonymous) or {@code jwt}
 * @param jwtSecret        shared secret of HS256 tokens
 * @param jwks             JWKS file path or URL with the public keys of RS256 and ES256 tokens
 * @param issuer           the {@code iss} every token must carry, if set
 * @param audience         a value the {@code aud} of every token must contain, if set
 * @param clockSkew        how far a token's times may be off this gateway's clock
 * @param apiKeysFile      file of static API keys, each with its subject and scopes
 * @param anonymousAllowed whether {@code none} may run on a non-loopback address
 */
public record AuthSettings(AuthMode mode,
                           Optional<String> jwtSecret,
                           Optional<String> jwks,
                           Optional<String> issuer,
                           Optional<String> audience,
                           Duration clockSkew,
                           Optional<String> apiKeysFile,
                           boolean anonymousAllowed) {
    /** Shortest HS256 secret: as long as the MAC (256 bits), as RFC 7518 requires. */
    public static final int MIN_SECRET_BYTES = 32;
    /** {@code none} or {@code jwt}. */
    public static final ConfigKey<String> MODE = ConfigKey.text("orderstream.auth.mode", "none");
    /** HS256 secret. */
    public static final ConfigKey<String> JWT_SECRET = ConfigKey.text("orderstream.auth.jwt.secret");
    /** JWKS file or URL. */
    public static final ConfigKey<String> JWT_JWKS = ConfigKey.text("orderstream.auth.jwt.jwks");
    /** Required issuer. */
    public static final ConfigKey<String> JWT_ISSUER = ConfigKey.text("orderstream.auth.jwt.issuer");
    /** Required audience. */
    public static final ConfigKey<String> JWT_AUDIENCE = ConfigKey.text("orderstream.auth.jwt.audience");
    /** Clock skew allowed on {@code exp} and {@code nbf}. */
    public static final ConfigKey<Duration> JWT_CLOCK_SKEW = ConfigKey.seconds("orderstream.auth.jwt.clock.skew.seconds",
                                                                               Duration.ofSeconds(30));
    /** API keys file. */
    public static final ConfigKey<String> API_KEYS_FILE = ConfigKey.text("orderstream.auth.apikeys.file");
    /** Whether {@code none} may bind beyond loopback. */
    public static final ConfigKey<Boolean> ANONYMOUS_ALLOWED = ConfigKey.flag("orderstream.auth.anonymous.allowed",
                                                                              false);
    /** Every key these settings read. */
    public static final List<ConfigKey<?>> KEYS = List.of(MODE, JWT_SECRET, JWT_JWKS, JWT_ISSUER, JWT_AUDIENCE,
                                                          JWT_CLOCK_SKEW, API_KEYS_FILE, ANONYMOUS_ALLOWED);
    private static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);

    /**
     * Validates the settings.
     *
     * @param mode             the mode
     * @param jwtSecret        at least {@value #MIN_SECRET_BYTES} bytes, if set
     * @param jwks             a file or URL, if set
     * @param issuer           if set
     * @param audience         if set
     * @param clockSkew        0 to 5 minutes
     * @param apiKeysFile      if set
     * @param anonymousAllowed whether {@code none} may bind beyond loopback
     */
    public AuthSettings {
        jwtSecret.map(secret -> secret.getBytes(StandardCharsets.UTF_8).length)
                .filter(bytes -> bytes < MIN_SECRET_BYTES)
                .ifPresent(bytes -> {
                    throw new IllegalArgumentException(JWT_SECRET.name() + " must be at least " + MIN_SECRET_BYTES
                            + " bytes (e.g. the output of 'openssl rand -base64 32'), got " + bytes);
                });
        if (clockSkew.isNegative() || clockSkew.compareTo(MAX_CLOCK_SKEW) > 0) {
            throw new IllegalArgumentException(JWT_CLOCK_SKEW.name() + " must be from 0 to "
                                                       + MAX_CLOCK_SKEW.toSeconds() + ", got " + clockSkew.toSeconds());
        }
        if (mode == AuthMode.JWT && jwtSecret.isEmpty() && jwks.isEmpty() && apiKeysFile.isEmpty()) {
            throw new IllegalArgumentException(MODE.name() + " is jwt, but nothing can verify a caller: set "
                    + JWT_SECRET.name() + " (HS256), " + JWT_JWKS.name() + " (RS256/ES256) or "
                    + API_KEYS_FILE.name());
        }
    }

    /**
     * Reads the settings.
     *
     * @param config the root configuration
     * @return the settings
     * @throws IllegalArgumentException when a value cannot be read or is out of range
     */
    public static AuthSettings create(Config config) {
        String mode = MODE.get(config).trim().toLowerCase(Locale.ROOT);
        AuthMode parsed = switch (mode) {
            case "none" -> AuthMode.NONE;
            case "jwt" -> AuthMode.JWT;
            default -> throw new IllegalArgumentException(MODE.name() + " must be none or jwt, got '" + mode + "'");
        };
        return new AuthSettings(parsed, set(config, JWT_SECRET), set(config, JWT_JWKS), set(config, JWT_ISSUER),
                                set(config, JWT_AUDIENCE), JWT_CLOCK_SKEW.get(config), set(config, API_KEYS_FILE),
                                ANONYMOUS_ALLOWED.get(config));
    }

    private static Optional<String> set(Config config, ConfigKey<String> key) {
        return key.find(config).map(String::trim).filter(value -> !value.isEmpty());
    }

    /** Without the secret. */
    @Override
    public String toString() {
        return "AuthSettings[mode=" + mode + ", jwtSecret=" + (jwtSecret.isPresent() ? "set" : "unset")
                + ", jwks=" + jwks.orElse("unset") + ", issuer=" + issuer.orElse("unset")
                + ", audience=" + audience.orElse("unset") + ", clockSkew=" + clockSkew.toSeconds()
                + "s, apiKeysFile=" + apiKeysFile.orElse("unset") + ", anonymousAllowed=" + anonymousAllowed + "]";
    }
}
