package io.orderstream.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;

/**
 * Tokens for tests of {@code jwt} mode, made as an identity provider would: HS256 with the test
 * secret, with the test issuer and audience and a five-minute expiry unless a test changes them.
 */
public final class Tokens {
    /** The HS256 secret of the gateways {@link #jwtMode} configures. */
    public static final String SECRET = "a-test-secret-that-is-longer-than-32-bytes";
    /** Their issuer. */
    public static final String ISSUER = "https://login.orderstream.test/";
    /** Their audience. */
    public static final String AUDIENCE = "orderstream-gateway";
    /** API key of the subject {@code reporting}, which may read. */
    public static final String READ_KEY = "rk-4f1d8c2b9e7a6053b1c4";
    /** API key of the subject {@code trader-bot}, which may read and write. */
    public static final String WRITE_KEY = "wk-9a8b7c6d5e4f3a2b1c0d";

    private Tokens() {
    }

    /**
     * Configuration of a gateway in {@code jwt} mode with the test secret, issuer and audience,
     * and the two test API keys, in a file under {@code dir}.
     *
     * @param dir a directory for the key file
     * @return flat configuration keys for {@link TestGateway#start(Map)}
     */
    public static Map<String, String> jwtMode(Path dir) {
        Path keys = dir.resolve("api-keys.properties");
        try {
            Files.writeString(keys, "# key = subject scopes\n"
                    + READ_KEY + " = reporting orders:read\n"
                    + WRITE_KEY + " = trader-bot orders:read,orders:write\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> config = new HashMap<>();
        config.put("orderstream.auth.mode", "jwt");
        config.put("orderstream.auth.jwt.secret", SECRET);
        config.put("orderstream.auth.jwt.issuer", ISSUER);
        config.put("orderstream.auth.jwt.audience", AUDIENCE);
        config.put("orderstream.auth.apikeys.file", keys.toString());
        return config;
    }

    /**
     * Claims of a good token.
     *
     * @param subject its {@code sub}
     * @param scopes  its {@code scope}, e.g. {@code orders:read}
     * @return claims a test may change before signing
     */
    public static JWTClaimsSet.Builder claims(String subject, String... scopes) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .subject(subject)
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .claim("scope", String.join(" ", scopes))
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(5))));
    }

    /**
     * A good token.
     *
     * @param subject its {@code sub}
     * @param scopes  its scopes
     * @return the compact JWT
     */
    public static String token(String subject, String... scopes) {
        return hs256(SECRET, claims(subject, scopes));
    }

    /**
     * An HS256 token.
     *
     * @param secret the key
     * @param claims its claims
     * @return the compact JWT
     */
    public static String hs256(String secret, JWTClaimsSet.Builder claims) {
        try {
            return sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)), JWSAlgorithm.HS256, null, claims);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A token signed by any signer.
     *
     * @param signer    the key
     * @param algorithm its algorithm
     * @param keyId     the {@code kid} header, or null
     * @param claims    its claims
     * @return the compact JWT
     */
    public static String sign(JWSSigner signer, JWSAlgorithm algorithm, String keyId, JWTClaimsSet.Builder claims) {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).keyID(keyId).build(), claims.build());
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    /**
     * A channel whose calls carry a metadata entry, as a client's credentials do.
     *
     * @param channel the channel
     * @param key     e.g. {@code authorization}
     * @param value   e.g. {@code Bearer eyJ…}
     * @return the channel with the entry on every call
     */
    public static Channel withMetadata(Channel channel, String key, String value) {
        Metadata metadata = new Metadata();
        metadata.put(Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER), value);
        return ClientInterceptors.intercept(channel, MetadataUtils.newAttachHeadersInterceptor(metadata));
    }

    /**
     * A channel whose calls carry {@code authorization: Bearer <token>}.
     *
     * @param channel the channel
     * @param token   the token
     * @return the channel
     */
    public static Channel bearer(Channel channel, String token) {
        return withMetadata(channel, "authorization", "Bearer " + token);
    }
}
