package io.orderstream.auth;

import java.io.File;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.orderstream.desk.Caller;
import io.orderstream.desk.Scope;
import io.orderstream.error.AuthenticationException;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.ImmutableSecret;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.BadJWSException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

/**
 * Verifies bearer JWTs: HS256 with the shared secret, RS256 and ES256 with the keys of a JWKS
 * (a file read at start, or a URL fetched and cached). The algorithm a token names picks the key:
 * an HS256 token is never checked against a public key, nor an RS256 one against the secret, and
 * unsigned tokens ({@code alg: none}) are refused. Claims: {@link ClaimsCheck}.
 * Thread-safe.
 */
final class JwtVerifier {
    private static final Logger LOG = Logger.getLogger(JwtVerifier.class.getName());
    private static final Set<JWSAlgorithm> PUBLIC_KEY_ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256);

    private final DefaultJWTProcessor<SecurityContext> processor;

    private JwtVerifier(DefaultJWTProcessor<SecurityContext> processor) {
        this.processor = processor;
    }

    /**
     * A verifier for the configured keys.
     *
     * @param settings secret, JWKS, issuer, audience and clock skew
     * @param clock    the time tokens are checked against
     * @return the verifier, or empty when neither a secret nor a JWKS is configured
     * @throws IllegalArgumentException when the JWKS file cannot be read, or the URL is malformed
     */
    static Optional<JwtVerifier> create(AuthSettings settings, Clock clock) {
        if (settings.jwtSecret().isEmpty() && settings.jwks().isEmpty()) {
            return Optional.empty();
        }
        Optional<JWSKeySelector<SecurityContext>> secret = settings.jwtSecret().map(
                value -> new JWSVerificationKeySelector<>(JWSAlgorithm.HS256,
                                                          new ImmutableSecret<>(value.getBytes(StandardCharsets.UTF_8))));
        Optional<JWSKeySelector<SecurityContext>> published = settings.jwks().map(
                location -> new JWSVerificationKeySelector<>(PUBLIC_KEY_ALGORITHMS, jwkSource(location)));
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector((header, context) -> {
            Optional<JWSKeySelector<SecurityContext>> selector = JWSAlgorithm.HS256.equals(header.getAlgorithm())
                    ? secret : published;
            return selector.isPresent() ? selector.get().selectJWSKeys(header, context) : List.of();
        });
        // Plain JWTs and RFC 9068 access tokens.
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT,
                                                                         new JOSEObjectType("at+jwt"), null));
        processor.setJWTClaimsSetVerifier(new ClaimsCheck(settings.issuer(), settings.audience(),
                                                          settings.clockSkew(), clock));
        return Optional.of(new JwtVerifier(processor));
    }

    /**
     * The caller a token speaks for.
     *
     * @param token the compact JWT
     * @return its subject and scopes
     * @throws AuthenticationException when the token is malformed, not signed by a trusted key,
     *                                 or its claims are refused
     */
    Caller verify(String token) {
        JWTClaimsSet claims;
        try {
            claims = processor.process(token, null);
        } catch (ParseException e) {
            throw AuthenticationException.invalid("The token is neither a JWT nor a known API key");
        } catch (BadJWTException e) {
            throw AuthenticationException.invalid(e.getMessage());
        } catch (BadJWSException e) {
            throw AuthenticationException.invalid("The token's signature is not valid");
        } catch (BadJOSEException e) {
            throw AuthenticationException.invalid("The token is not signed with an algorithm and key this gateway"
                                                          + " trusts (HS256 with its secret, RS256/ES256 with its JWKS)");
        } catch (KeySourceException e) {
            LOG.log(Level.WARNING, "The JWKS could not be read; tokens signed with its keys are refused meanwhile", e);
            throw AuthenticationException.invalid("The token's signing keys cannot be fetched now; try again shortly");
        } catch (JOSEException e) {
            throw AuthenticationException.invalid("The token cannot be verified");
        }
        return new Caller(claims.getSubject(), scopes(claims));
    }

    /** Scopes from {@code scope} (a space-separated string, RFC 8693) or {@code scp} (a list or string). */
    private static Set<Scope> scopes(JWTClaimsSet claims) {
        List<String> names = new ArrayList<>();
        for (String claim : List.of("scope", "scp")) {
            Object value = claims.getClaim(claim);
            if (value instanceof String text) {
                names.addAll(List.of(text.trim().split("\\s+")));
            } else if (value instanceof Collection<?> list) {
                list.forEach(item -> names.add(String.valueOf(item)));
            }
        }
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        names.forEach(name -> Scope.fromWireName(name).ifPresent(scopes::add));
        return scopes;
    }

    private static JWKSource<SecurityContext> jwkSource(String location) {
        if (location.startsWith("https://") || location.startsWith("http://")) {
            URL url;
            try {
                url = URI.create(location).toURL();
            } catch (IllegalArgumentException | MalformedURLException e) {
                throw new IllegalArgumentException(AuthSettings.JWT_JWKS.name() + " is not a valid URL: " + location, e);
            }
            // Cached, refreshed ahead of expiry, rate-limited and retried: nimbus's defaults.
            return JWKSourceBuilder.<SecurityContext>create(url).build();
        }
        try {
            return new ImmutableJWKSet<>(JWKSet.load(new File(location)));
        } catch (IOException | ParseException e) {
            throw new IllegalArgumentException(AuthSettings.JWT_JWKS.name() + " names no readable JWKS file ("
                                                       + location + "): " + e.getMessage(), e);
        }
    }
}
