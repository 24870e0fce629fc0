package io.orderstream.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import io.orderstream.desk.Caller;

import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.JWTClaimsSetVerifier;

/**
 * The claims a token must have once its signature holds: a subject, an expiry not past, no
 * {@code nbf} in the future (both give or take the clock skew), and the configured issuer and
 * audience. Each refusal says which claim failed, in words the client can act on.
 */
final class ClaimsCheck implements JWTClaimsSetVerifier<SecurityContext> {
    private final Optional<String> issuer;
    private final Optional<String> audience;
    private final Duration skew;
    private final Clock clock;

    ClaimsCheck(Optional<String> issuer, Optional<String> audience, Duration skew, Clock clock) {
        this.issuer = issuer;
        this.audience = audience;
        this.skew = skew;
        this.clock = clock;
    }

    @Override
    public void verify(JWTClaimsSet claims, SecurityContext context) throws BadJWTException {
        Instant now = clock.instant();
        Date expires = claims.getExpirationTime();
        if (expires == null) {
            throw new BadJWTException("The token has no expiry (exp)");
        }
        if (expires.toInstant().plus(skew).isBefore(now)) {
            throw new BadJWTException("The token has expired");
        }
        Date notBefore = claims.getNotBeforeTime();
        if (notBefore != null && notBefore.toInstant().minus(skew).isAfter(now)) {
            throw new BadJWTException("The token is not valid yet (nbf)");
        }
        if (issuer.isPresent() && !issuer.get().equals(claims.getIssuer())) {
            throw new BadJWTException("The token's issuer (iss) is not the one this gateway accepts");
        }
        List<String> audiences = claims.getAudience();
        if (audience.isPresent() && (audiences == null || !audiences.contains(audience.get()))) {
            throw new BadJWTException("The token's audience (aud) does not include this gateway");
        }
        String subject = claims.getSubject();
        if (subject == null || subject.isBlank()) {
            throw new BadJWTException("The token has no subject (sub)");
        }
        if (subject.length() > Caller.MAX_SUBJECT_LENGTH) {
            throw new BadJWTException("The token's subject (sub) is longer than " + Caller.MAX_SUBJECT_LENGTH
                                              + " characters");
        }
    }
}
