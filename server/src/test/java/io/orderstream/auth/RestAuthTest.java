package io.orderstream.auth;

import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import io.orderstream.testing.RestClient;
import io.orderstream.testing.TestGateway;
import io.orderstream.testing.Tokens;

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
import static org.hamcrest.Matchers.not;

/**
 * The REST face of a gateway in {@code jwt} mode: who may call (401 with RFC 6750 challenges), what
 * each scope allows (403), and that a subject sees only its own orders, another's looking exactly
 * like a missing one. No worker runs, so orders stay pending and can be cancelled.
 */
class RestAuthTest {
    private static final String ORDER = "{\"tokenIn\":\"SOL\",\"tokenOut\":\"USDC\",\"amount\":10,\"slippage\":0.5}";
    private static final String MISSING = "00000000-0000-4000-8000-000000000000";

    @TempDir
    static Path dir;
    private static TestGateway gateway;
    private static RestClient rest;

    @BeforeAll
    static void start() {
        Map<String, String> config = new HashMap<>(Tokens.jwtMode(dir));
        config.put("orderstream.worker.enabled", "false");
        gateway = TestGateway.start(config);
        rest = new RestClient(gateway.http());
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void aRequestWithoutCredentialsIsAskedForOne() throws Exception {
        RestClient.Reply reply = rest.get("/api/orders");

        assertThat(reply.status(), is(401));
        assertThat(reply.contentType(), is("application/problem+json"));
        assertThat(reply.body().path("type").asText(), is("urn:orderstream:problem:unauthenticated"));
        // RFC 6750 3.1: no error code when the request carried no credentials.
        assertThat(reply.headers().firstValue("WWW-Authenticate").orElseThrow(), is("Bearer realm=\"orderstream\""));
        assertThat(call("POST", "/api/orders/execute", null, ORDER).status(), is(401));
    }

    static Stream<Arguments> refusedTokens() {
        Instant past = Instant.now().minus(Duration.ofHours(1));
        return Stream.of(
                Arguments.of("bad signature", Tokens.hs256("another-secret-that-is-also-32-bytes-long",
                                                           Tokens.claims("alice", "orders:read")), "signature"),
                Arguments.of("expired", Tokens.hs256(Tokens.SECRET, Tokens.claims("alice", "orders:read")
                        .issueTime(Date.from(past)).expirationTime(Date.from(past.plusSeconds(60)))), "expired"),
                Arguments.of("wrong audience", Tokens.hs256(Tokens.SECRET, Tokens.claims("alice", "orders:read")
                        .audience("another-service")), "audience"),
                Arguments.of("wrong issuer", Tokens.hs256(Tokens.SECRET, Tokens.claims("alice", "orders:read")
                        .issuer("https://evil.example/")), "issuer"),
                Arguments.of("no subject", Tokens.hs256(Tokens.SECRET, Tokens.claims("alice", "orders:read")
                        .subject(null)), "subject"),
                Arguments.of("unsigned", unsigned(), "not signed"),
                Arguments.of("not a token", "not-a-token", "neither a JWT"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedTokens")
    void aRefusedTokenIsAnInvalidToken(String what, String token, String description) throws Exception {
        RestClient.Reply reply = call("GET", "/api/orders", token, null);

        assertThat(reply.status(), is(401));
        assertThat(reply.contentType(), is("application/problem+json"));
        String challenge = reply.headers().firstValue("WWW-Authenticate").orElseThrow();
        assertThat(challenge, containsString("Bearer realm=\"orderstream\", error=\"invalid_token\", error_description=\""));
        assertThat(challenge, containsString(description));
        assertThat(reply.body().path("detail").asText(), containsString(description));
    }

    @Test
    void observeIsForAdminsOnly() throws Exception {
        for (String path : new String[] {"/observe/metrics", "/observe/health", "/observe/health/live",
                                         "/observe/log/loggers", "/observe/log/loggers/io.orderstream.orders"}) {
            assertThat(path, call("GET", path, null, null).status(), is(401));
            assertThat(path, call("GET", path, Tokens.token("rita", "orders:read", "orders:write"), null).status(),
                       is(403));
            assertThat(path, call("GET", path, Tokens.token("ada", "orders:admin"), null).status(), is(200));
        }
        // Changing a level too: refused before it is read, so it changes nothing.
        String orders = "/observe/log/loggers/io.orderstream.orders";
        assertThat(call("POST", orders, null, "{\"level\":\"OFF\"}").status(), is(401));
        String rita = Tokens.token("rita", "orders:read", "orders:write");
        assertThat(call("POST", orders, rita, "{\"level\":\"OFF\"}").status(), is(403));
        assertThat(call("DELETE", orders, rita, null).status(), is(403));
        assertThat(call("GET", orders, Tokens.token("ada", "orders:admin"), null).body()
                           .path("io.orderstream.orders").path("level").asText(), is("INFO"));
    }

    @Test
    void otherSchemesAndDoubleCredentialsAreRefused() throws Exception {
        RestClient.Reply basic = rest.post(rest.request("/api/orders").header("Authorization", "Basic YWxpY2U6cHc=")
                                                   .GET());
        RestClient.Reply both = rest.post(rest.request("/api/orders")
                                                  .header("Authorization", "Bearer " + Tokens.token("alice", "orders:read"))
                                                  .header("X-Api-Key", Tokens.READ_KEY).GET());
        RestClient.Reply unknownKey = rest.post(rest.request("/api/orders").header("X-Api-Key", "no-such-key-0000000000")
                                                        .GET());

        assertThat(basic.status(), is(401));
        assertThat(basic.body().path("detail").asText(), containsString("Bearer"));
        assertThat(both.status(), is(401));
        assertThat(unknownKey.status(), is(401));
    }

    @Test
    void apiKeysWorkAsBearerTokensAndInTheirOwnHeader() throws Exception {
        RestClient.Reply submitted = call("POST", "/api/orders/execute", Tokens.WRITE_KEY, ORDER);
        String orderId = submitted.body().path("orderId").asText();
        RestClient.Reply byHeader = rest.post(rest.request("/api/orders/" + orderId)
                                                      .header("X-Api-Key", Tokens.WRITE_KEY).GET());
        RestClient.Reply reader = rest.post(rest.request("/api/orders/" + orderId)
                                                    .header("X-Api-Key", Tokens.READ_KEY).GET());

        assertThat(submitted.text(), submitted.status(), is(200));
        assertThat(byHeader.status(), is(200));
        assertThat("another subject's order", reader.status(), is(404));
    }

    @Test
    void eachUseCaseNeedsItsScope() throws Exception {
        String reader = Tokens.token("rita", "orders:read");
        String writer = Tokens.token("walt", "orders:write");

        RestClient.Reply readerSubmits = call("POST", "/api/orders/execute", reader, ORDER);
        String orderId = submit(writer);
        RestClient.Reply writerReads = call("GET", "/api/orders/" + orderId, writer, null);
        RestClient.Reply writerLists = call("GET", "/api/orders", writer, null);
        RestClient.Reply noScopes = call("GET", "/api/orders", Tokens.token("nobody"), null);
        RestClient.Reply readerCancels = call("POST", "/api/orders/" + orderId + "/cancel", reader, "");
        RestClient.Reply writerCancels = call("POST", "/api/orders/" + orderId + "/cancel", writer, "");

        assertThat(readerSubmits.status(), is(403));
        assertThat(readerSubmits.contentType(), is("application/problem+json"));
        assertThat(readerSubmits.body().path("type").asText(), is("urn:orderstream:problem:forbidden"));
        assertThat(readerSubmits.headers().firstValue("WWW-Authenticate").orElseThrow(),
                   containsString("error=\"insufficient_scope\""));
        assertThat(readerSubmits.headers().firstValue("WWW-Authenticate").orElseThrow(),
                   containsString("scope=\"orders:write\""));
        assertThat(writerReads.status(), is(403));
        assertThat(writerReads.body().path("detail").asText(), containsString("orders:read"));
        assertThat(writerLists.status(), is(403));
        assertThat(noScopes.status(), is(403));
        assertThat("the scope is checked before the order is looked up", readerCancels.status(), is(403));
        assertThat(writerCancels.text(), writerCancels.status(), is(200));
        assertThat(writerCancels.body().path("status").asText(), is("cancelled"));
    }

    @Test
    void anotherSubjectsOrderLooksExactlyLikeAMissingOne() throws Exception {
        String alice = Tokens.token("alice", "orders:read", "orders:write");
        String bob = Tokens.token("bob", "orders:read", "orders:write");
        String orderId = submit(alice);

        for (String path : new String[] {"/api/orders/%s", "/api/orders/%s/events?afterSeq=0"}) {
            RestClient.Reply theirs = call("GET", path.formatted(orderId), bob, null);
            RestClient.Reply missing = call("GET", path.formatted(MISSING), bob, null);
            assertThat(theirs.status(), is(404));
            assertSameAnswer(theirs, orderId, missing);
        }
        RestClient.Reply cancelTheirs = call("POST", "/api/orders/" + orderId + "/cancel", bob, "");
        RestClient.Reply cancelMissing = call("POST", "/api/orders/" + MISSING + "/cancel", bob, "");
        assertThat(cancelTheirs.status(), is(404));
        assertSameAnswer(cancelTheirs, orderId, cancelMissing);
        assertThat("bob's cancel did nothing", call("GET", "/api/orders/" + orderId, alice, null).body()
                .path("status").asText(), is("pending"));
        assertThat(ids(call("GET", "/api/orders?pageSize=100", bob, null)), not(containsString(orderId)));
        assertThat(ids(call("GET", "/api/orders?pageSize=100", alice, null)), containsString(orderId));
    }

    @Test
    void anAdministratorSeesAndCancelsEveryonesOrders() throws Exception {
        String admin = Tokens.token("ops", "orders:admin");
        String alices = submit(Tokens.token("alice", "orders:write"));
        String bobs = submit(Tokens.token("bob", "orders:write"));

        RestClient.Reply get = call("GET", "/api/orders/" + alices, admin, null);
        String listed = ids(call("GET", "/api/orders?pageSize=100", admin, null));
        RestClient.Reply cancelled = call("POST", "/api/orders/" + bobs + "/cancel", admin, "");

        assertThat(get.status(), is(200));
        assertThat(listed, containsString(alices));
        assertThat(listed, containsString(bobs));
        assertThat(cancelled.text(), cancelled.status(), is(200));
        assertThat(cancelled.body().path("status").asText(), is("cancelled"));
    }

    @Test
    void idempotencyKeysArePerSubject() throws Exception {
        String key = "key-" + UUID.randomUUID();
        String alice = Tokens.token("alice", "orders:write");
        String bob = Tokens.token("bob", "orders:write");

        JsonNode byAlice = keyed(alice, key).body();
        JsonNode byBob = keyed(bob, key).body();
        JsonNode aliceAgain = keyed(alice, key).body();

        assertThat(byAlice.path("created").asBoolean(), is(true));
        assertThat(byBob.path("created").asBoolean(), is(true));
        assertThat(byBob.path("orderId").asText(), not(is(byAlice.path("orderId").asText())));
        assertThat(aliceAgain.path("created").asBoolean(), is(false));
        assertThat(aliceAgain.path("orderId").asText(), is(byAlice.path("orderId").asText()));
    }

    @Test
    void operationalEndpointsNeedNoToken() throws Exception {
        assertThat(rest.get("/health").status(), is(200));
        assertThat(rest.get("/observe/health/ready").status(), is(200));
        assertThat(rest.get("/").status(), is(200));
    }

    private static RestClient.Reply keyed(String token, String key) throws Exception {
        return rest.post(rest.request("/api/orders").header("Authorization", "Bearer " + token)
                                 .header("Content-Type", "application/json").header("Idempotency-Key", key)
                                 .POST(HttpRequest.BodyPublishers.ofString(ORDER)));
    }

    private static String submit(String token) throws Exception {
        RestClient.Reply reply = call("POST", "/api/orders/execute", token, ORDER);
        assertThat(reply.text(), reply.status(), is(200));
        return reply.body().path("orderId").asText();
    }

    private static RestClient.Reply call(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder request = rest.request(path);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        return rest.post(request);
    }

    private static void assertSameAnswer(RestClient.Reply theirs, String orderId, RestClient.Reply missing) {
        assertThat(theirs.status(), is(missing.status()));
        assertThat(theirs.contentType(), is(missing.contentType()));
        assertThat(theirs.text().replace(orderId, MISSING), is(missing.text()));
    }

    private static String ids(RestClient.Reply listing) {
        assertThat(listing.text(), listing.status(), is(200));
        return listing.body().path("orders").findValuesAsText("orderId").toString();
    }

    private static String unsigned() {
        String header = java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"alg\":\"none\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return header + "." + Tokens.claims("alice", "orders:admin").build().toPayload().toBase64URL() + ".";
    }
}
