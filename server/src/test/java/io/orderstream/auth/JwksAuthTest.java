package io.orderstream.auth;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.orderstream.proto.v1.ListOrdersRequest;
import io.orderstream.proto.v1.OrderServiceGrpc;
import io.orderstream.testing.RestClient;
import io.orderstream.testing.TestGateway;
import io.orderstream.testing.Tokens;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A gateway that trusts the public keys of a JWKS file (an RSA and an EC key this test makes):
 * RS256 and ES256 tokens signed with them pass, a token signed with any other key does not, and
 * neither does an HS256 token, not even one whose "secret" is the published RSA key (the
 * algorithm-confusion attack).
 */
class JwksAuthTest {
    @TempDir
    static Path dir;
    private static RSAKey rsa;
    private static ECKey ec;
    private static TestGateway gateway;
    private static RestClient rest;

    @BeforeAll
    static void start() throws Exception {
        rsa = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
        ec = new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate();
        Path jwks = dir.resolve("jwks.json");
        Files.writeString(jwks, new JWKSet(java.util.List.of(rsa.toPublicJWK(), ec.toPublicJWK())).toString(),
                          StandardCharsets.UTF_8);
        gateway = TestGateway.start(Map.of(
                "orderstream.auth.mode", "jwt",
                "orderstream.auth.jwt.jwks", jwks.toString(),
                "orderstream.auth.jwt.issuer", Tokens.ISSUER,
                "orderstream.auth.jwt.audience", Tokens.AUDIENCE,
                "orderstream.worker.enabled", "false"));
        rest = new RestClient(gateway.http());
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void tokensSignedWithThePublishedKeysPass() throws Exception {
        String rs256 = Tokens.sign(new RSASSASigner(rsa), JWSAlgorithm.RS256, "rsa-1",
                                   Tokens.claims("alice", "orders:read"));
        String es256 = Tokens.sign(new ECDSASigner(ec), JWSAlgorithm.ES256, "ec-1",
                                   Tokens.claims("alice", "orders:read"));

        assertThat(list(rs256).status(), is(200));
        assertThat(list(es256).status(), is(200));
        ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", gateway.grpcPort())
                .usePlaintext().build();
        try {
            assertThat(OrderServiceGrpc.newBlockingStub(Tokens.bearer(channel, rs256))
                               .withDeadlineAfter(10, TimeUnit.SECONDS)
                               .listOrders(ListOrdersRequest.getDefaultInstance()).getNextPageToken(), is(""));
            StatusRuntimeException refused = assertThrows(StatusRuntimeException.class, () -> OrderServiceGrpc
                    .newBlockingStub(Tokens.bearer(channel, Tokens.token("alice", "orders:read")))
                    .withDeadlineAfter(10, TimeUnit.SECONDS).listOrders(ListOrdersRequest.getDefaultInstance()));
            assertThat(refused.getStatus().getCode(), is(Status.Code.UNAUTHENTICATED));
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void tokensSignedWithAnyOtherKeyAreRefused() throws Exception {
        RSAKey stranger = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
        String forged = Tokens.sign(new RSASSASigner(stranger), JWSAlgorithm.RS256, "rsa-1",
                                    Tokens.claims("alice", "orders:admin"));
        String hs256 = Tokens.token("alice", "orders:admin");
        // The published key as an HMAC secret: a verifier that let the token pick the algorithm
        // for the key it found would accept this.
        String confused = Tokens.sign(new MACSigner(rsa.toPublicJWK().toRSAPublicKey().getEncoded()), JWSAlgorithm.HS256,
                                      "rsa-1", Tokens.claims("alice", "orders:admin"));

        assertThat(list(forged).status(), is(401));
        assertThat(list(hs256).status(), is(401));
        assertThat(list(confused).status(), is(401));
    }

    private static RestClient.Reply list(String token) throws Exception {
        return rest.post(rest.request("/api/orders").header("Authorization", "Bearer " + token).GET());
    }
}
