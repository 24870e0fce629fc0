package io.orderstream.auth;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import io.orderstream.testing.RestClient;
import io.orderstream.testing.TestGateway;
import io.orderstream.testing.Tokens;
import io.orderstream.testing.WsRecorder;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

/**
 * Both WebSocket endpoints of a gateway in {@code jwt} mode: an upgrade that does not authenticate
 * is refused with 401 (token in the {@code Authorization} header or the {@code access_token}
 * parameter), {@code /ws} also takes the token as its first message, and a subject watches only
 * its own orders. No worker runs, so orders stay pending.
 */
class WebSocketAuthTest {
    private static final String ORDER = "{\"tokenIn\":\"SOL\",\"tokenOut\":\"USDC\",\"amount\":10,\"slippage\":0.5}";
    private static final String MISSING = "00000000-0000-4000-8000-000000000000";

    @TempDir
    static Path dir;
    private static TestGateway gateway;
    private static RestClient rest;
    private static String alicesOrder;

    @BeforeAll
    static void start() throws Exception {
        Map<String, String> config = new HashMap<>(Tokens.jwtMode(dir));
        config.put("orderstream.worker.enabled", "false");
        gateway = TestGateway.start(config);
        rest = new RestClient(gateway.http());
        RestClient.Reply submitted = rest.post(rest.request("/api/orders/execute")
                .header("Authorization", "Bearer " + Tokens.token("alice", "orders:write"))
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(ORDER)));
        alicesOrder = submitted.body().path("orderId").asText();
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    static Stream<Arguments> refusedUpgrades() {
        Instant past = Instant.now().minus(Duration.ofHours(1));
        Map<String, String> tokens = Map.of(
                "bad signature", Tokens.hs256("another-secret-that-is-also-32-bytes-long",
                                              Tokens.claims("alice", "orders:read")),
                "expired", Tokens.hs256(Tokens.SECRET, Tokens.claims("alice", "orders:read")
                        .issueTime(Date.from(past)).expirationTime(Date.from(past.plusSeconds(60)))),
                "wrong audience", Tokens.hs256(Tokens.SECRET, Tokens.claims("alice", "orders:read")
                        .audience("another-service")),
                "wrong issuer", Tokens.hs256(Tokens.SECRET, Tokens.claims("alice", "orders:read")
                        .issuer("https://evil.example/")));
        return Stream.of("/api/orders/status/" + MISSING, "/ws").flatMap(path -> Stream.of("header", "query")
                .flatMap(carrier -> tokens.entrySet().stream()
                        .map(entry -> Arguments.of(path, carrier, entry.getKey(), entry.getValue()))));
    }

    @ParameterizedTest(name = "{0}, token in the {1}: {2}")
    @MethodSource("refusedUpgrades")
    void anUpgradeWithARefusedTokenIsAnswered401(String path, String carrier, String what, String token) {
        HttpResponse<?> refused = "header".equals(carrier)
                ? WsRecorder.refusal(rest.http(), gateway.ws() + path, Map.of("Authorization", "Bearer " + token))
                : WsRecorder.refusal(rest.http(), gateway.ws() + path + "?access_token=" + token, Map.of());

        assertThat(refused.statusCode(), is(401));
        assertThat(refused.headers().firstValue("Content-Type").orElseThrow(), is("application/problem+json"));
        assertThat(refused.headers().firstValue("WWW-Authenticate").orElseThrow(),
                   containsString("error=\"invalid_token\""));
    }

    @Test
    void theOrdersSocketNeedsATokenAtTheUpgrade() {
        HttpResponse<?> refused = WsRecorder.refusal(rest.http(), gateway.ws() + "/api/orders/status/" + alicesOrder,
                                                     Map.of());

        assertThat(refused.statusCode(), is(401));
        assertThat(refused.headers().firstValue("WWW-Authenticate").orElseThrow(), is("Bearer realm=\"orderstream\""));
    }

    @Test
    void theOwnerWatchesItsOrderWithAHeaderOrAQueryToken() throws Exception {
        String token = Tokens.token("alice", "orders:read");
        try (WsRecorder byHeader = WsRecorder.connect(rest.http(), gateway.ws() + "/api/orders/status/" + alicesOrder,
                                                      Map.of("Authorization", "Bearer " + token));
             WsRecorder byQuery = WsRecorder.connect(rest.http(), gateway.ws() + "/api/orders/status/" + alicesOrder
                     + "?afterSeq=0&access_token=" + URLEncoder.encode(token, StandardCharsets.UTF_8))) {
            for (WsRecorder ws : new WsRecorder[] {byHeader, byQuery}) {
                assertThat(ws.next().path("type").asText(), is("connection"));
                assertThat(ws.next().path("type").asText(), is("subscribed"));
                assertThat(ws.next().path("type").asText(), is("pending"));
            }
        }
    }

    @Test
    void anotherSubjectsOrderClosesAsAMissingOneDoes() throws Exception {
        Map<String, String> bob = Map.of("Authorization", "Bearer " + Tokens.token("bob", "orders:read"));
        WsRecorder.Closed theirs;
        WsRecorder.Closed missing;
        try (WsRecorder ws = WsRecorder.connect(rest.http(), gateway.ws() + "/api/orders/status/" + alicesOrder, bob)) {
            theirs = ws.awaitClose();
        }
        try (WsRecorder ws = WsRecorder.connect(rest.http(), gateway.ws() + "/api/orders/status/" + MISSING, bob)) {
            missing = ws.awaitClose();
        }

        assertThat(theirs.code(), is(4404));
        assertThat(theirs.reason().replace(alicesOrder, MISSING), is(missing.reason()));
    }

    @Test
    void watchingNeedsTheReadScope() throws Exception {
        Map<String, String> writer = Map.of("Authorization", "Bearer " + Tokens.token("alice", "orders:write"));
        try (WsRecorder ws = WsRecorder.connect(rest.http(), gateway.ws() + "/api/orders/status/" + alicesOrder,
                                                writer)) {
            assertThat(ws.awaitClose().code(), is(4403));
        }
        try (WsRecorder ws = WsRecorder.connect(rest.http(), gateway.ws() + "/ws", writer)) {
            assertThat(ws.next().path("type").asText(), is("connection"));
            ws.send("{\"op\":\"subscribe\",\"orderId\":\"" + alicesOrder + "\"}");
            JsonNode error = ws.next();
            assertThat(error.path("type").asText(), is("error"));
            assertThat(error.path("code").asText(), is("forbidden"));
        }
    }

    @Test
    void manyOrdersSocketAuthenticatesAtTheUpgradeOrWithItsFirstMessage() throws Exception {
        try (WsRecorder byQuery = WsRecorder.connect(rest.http(), gateway.ws() + "/ws?access_token="
                + Tokens.token("alice", "orders:read"));
             WsRecorder byMessage = WsRecorder.connect(rest.http(), gateway.ws() + "/ws")) {
            assertThat(byMessage.next().path("type").asText(), is("connection"));
            byMessage.send("{\"op\":\"auth\",\"token\":\"" + Tokens.token("alice", "orders:read") + "\"}");
            JsonNode authenticated = byMessage.next();
            assertThat(authenticated.path("type").asText(), is("authenticated"));
            assertThat(authenticated.path("subject").asText(), is("alice"));
            assertThat(byQuery.next().path("type").asText(), is("connection"));
            for (WsRecorder ws : new WsRecorder[] {byQuery, byMessage}) {
                ws.send("{\"op\":\"subscribe\",\"orderId\":\"" + alicesOrder + "\"}");
                assertThat(ws.next().path("type").asText(), is("subscribed"));
                assertThat(ws.next().path("type").asText(), is("pending"));
            }
        }
    }

    @Test
    void manyOrdersSocketClosesOnAnythingButAGoodAuthMessageFirst() throws Exception {
        try (WsRecorder ws = WsRecorder.connect(rest.http(), gateway.ws() + "/ws")) {
            ws.next();
            ws.send("{\"op\":\"subscribe\",\"orderId\":\"" + alicesOrder + "\"}");
            assertThat(ws.awaitClose().code(), is(4401));
        }
        try (WsRecorder ws = WsRecorder.connect(rest.http(), gateway.ws() + "/ws")) {
            ws.next();
            ws.send("{\"op\":\"auth\",\"token\":\"" + Tokens.hs256("another-secret-that-is-also-32-bytes-long",
                                                                  Tokens.claims("alice", "orders:read")) + "\"}");
            WsRecorder.Closed closed = ws.awaitClose();
            assertThat(closed.code(), is(4401));
            assertThat(closed.reason(), containsString("signature"));
        }
    }

    @Test
    void manyOrdersSocketSaysNotFoundForAnotherSubjectsOrder() throws Exception {
        try (WsRecorder ws = WsRecorder.connect(rest.http(), gateway.ws() + "/ws",
                                                Map.of("Authorization", "Bearer " + Tokens.token("bob", "orders:read")))) {
            ws.next();
            ws.send("{\"op\":\"subscribe\",\"orderId\":\"" + alicesOrder + "\"}");
            JsonNode theirs = ws.next();
            ws.send("{\"op\":\"subscribe\",\"orderId\":\"" + MISSING + "\"}");
            JsonNode missing = ws.next();

            assertThat(theirs.path("code").asText(), is("not-found"));
            assertThat(theirs.path("message").asText().replace(alicesOrder, MISSING),
                       is(missing.path("message").asText()));
        }
        try (WsRecorder admin = WsRecorder.connect(rest.http(), gateway.ws() + "/ws", Map.of(
                "Authorization", "Bearer " + Tokens.token("ops", "orders:admin")))) {
            admin.next();
            admin.send("{\"op\":\"subscribe\",\"orderId\":\"" + alicesOrder + "\"}");
            assertThat(admin.next().path("type").asText(), is("subscribed"));
        }
    }

    @Test
    void manyOrdersSocketClosesAConnectionThatNeverAuthenticates() throws Exception {
        try (WsRecorder ws = WsRecorder.connect(rest.http(), gateway.ws() + "/ws")) {
            ws.next();
            ws.send("{\"op\":\"ping\"}");
            assertThat("a ping is answered before authentication", ws.next().path("type").asText(), is("pong"));
            WsRecorder.Closed closed = ws.awaitClose();
            assertThat(closed.code(), is(4401));
            assertThat(closed.reason(), containsString("Not authenticated within"));
        }
    }
}
