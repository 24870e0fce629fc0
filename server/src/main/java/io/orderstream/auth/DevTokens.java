package io.orderstream.auth;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.UUID;

import io.orderstream.desk.Caller;
import io.orderstream.desk.Scope;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * Mints HS256 tokens with the gateway's own secret, for trying {@code jwt} mode locally
 * ({@code java -jar orderstream-server.jar --dev-token --subject alice --scopes orders:read,orders:write}).
 * The token carries the configured issuer and audience, so the gateway accepts it as it is. Not
 * an identity provider: whoever holds the secret can mint any subject.
 */
public final class DevTokens {
    private DevTokens() {
    }

    /**
     * A signed token.
     *
     * @param settings the auth settings: secret, issuer, audience
     * @param subject  the token's {@code sub}
     * @param scopes   its {@code scope}
     * @param lifetime until its {@code exp}
     * @param clock    its {@code iat}
     * @return the compact JWT
     * @throws IllegalArgumentException when no secret is configured, or the subject is blank or too long
     */
    public static String mint(AuthSettings settings, String subject, Collection<Scope> scopes, Duration lifetime,
                              Clock clock) {
        byte[] secret = settings.jwtSecret().orElseThrow(() -> new IllegalArgumentException(
                "A dev token is signed with " + AuthSettings.JWT_SECRET.name() + " (environment "
                        + "ORDERSTREAM_AUTH_JWT_SECRET), which is not set")).getBytes(StandardCharsets.UTF_8);
        if (subject.isBlank() || subject.length() > Caller.MAX_SUBJECT_LENGTH) {
            throw new IllegalArgumentException("A subject must be 1 to " + Caller.MAX_SUBJECT_LENGTH
                                                       + " characters");
        }
        Instant now = clock.instant();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .subject(subject)
                .claim("scope", String.join(" ", scopes.stream().map(Scope::wireName).toList()))
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(lifetime)))
                .jwtID(UUID.randomUUID().toString());
        settings.issuer().ifPresent(claims::issuer);
        settings.audience().ifPresent(claims::audience);
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build(),
                                      claims.build());
        try {
            jwt.sign(new MACSigner(secret));
        } catch (JOSEException e) {
            throw new IllegalArgumentException("The token could not be signed: " + e.getMessage(), e);
        }
        return jwt.serialize();
    }
}
