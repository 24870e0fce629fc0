package io.orderstream.docs;

import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import io.orderstream.testing.RestClient;
import io.orderstream.testing.TestGateway;
import io.orderstream.testing.Tokens;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

/**
 * The OpenAPI document ({@code GET /openapi}) against real answers: two live gateways (one open,
 * one in {@code jwt} mode without a worker and with a queue of two) are called as clients call
 * them, every documented error is provoked, and each answer is validated against the schema the
 * served document gives for its operation, status and content type. The document must describe
 * every answer, every answer it describes must have happened, and a drifted answer must fail.
 */
class OpenApiContractTest {
    static final String EXECUTE = "POST /api/orders/execute";
    static final String SUBMIT = "POST /api/orders";
    static final String LIST = "GET /api/orders";
    static final String GET = "GET /api/orders/{orderId}";
    static final String EVENTS = "GET /api/orders/{orderId}/events";
    static final String CANCEL = "POST /api/orders/{orderId}/cancel";
    static final String REPLAY = "POST /api/orders/{orderId}/replay";
    static final String HEALTH = "GET /health";
    static final String OPENAPI = "GET /openapi";
    private static final String UNKNOWN = "00000000-0000-4000-8000-000000000000";
    private static final String ORDER = "{\"tokenIn\":\"SOL\",\"tokenOut\":\"USDC\",\"amount\":10,\"slippage\":0.5}";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path keys;

    private static final List<RestExchanges.Exchange> EXCHANGES = new ArrayList<>();
    private static String served;
    private static JsonNode servedAsJson;
    private static RestClient.Reply lockedObserve;
    private static RestClient.Reply fromAnotherOrigin;
    private static OpenApiDocument document;
    private static ContractSchemas schemas;

    @BeforeAll
    static void capture() throws Exception {
        try (TestGateway open = TestGateway.start()) {
            RestClient rest = new RestClient(open.http());
            served = rest.get("/openapi").text();
            servedAsJson = rest.get("/openapi?format=JSON").body();
            openGateway(new RestExchanges(open.http(), EXCHANGES));
        }
        // An order that failed, on the database the locked gateway then serves: one to replay.
        String database = "jdbc:h2:mem:openapi-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;DATABASE_TO_LOWER=TRUE";
        String failed;
        try (TestGateway failing = TestGateway.start(Map.of("orderstream.db.url", database,
                                                            "orderstream.dex.failure.rate", "1",
                                                            "orderstream.worker.retry.attempts", "1"))) {
            RestExchanges rest = new RestExchanges(failing.http(), new ArrayList<>());
            failed = rest.call(EXECUTE, "/api/orders/execute", RestExchanges.JSON, ORDER).body().get("orderId").asText();
            awaitStatus(rest, "/api/orders/" + failed, "failed");
        }
        Map<String, String> locked = new HashMap<>(Tokens.jwtMode(keys));
        locked.put("orderstream.worker.enabled", "false");
        locked.put("orderstream.queue.capacity", "2");
        locked.put("orderstream.db.url", database);
        try (TestGateway gateway = TestGateway.start(locked)) {
            lockedGateway(new RestExchanges(gateway.http(), EXCHANGES), failed);
            lockedObserve = new RestClient(gateway.http()).get("/observe/metrics");
        }
        document = new OpenApiDocument(ContractSchemas.tree(served));
        schemas = new ContractSchemas(served, ContractSchemas.asyncApiFile());
    }

    /** Every operation, each of its errors that an open gateway answers. */
    private static void openGateway(RestExchanges rest) throws Exception {
        String orderId = null;
        for (String submit : List.of(EXECUTE, SUBMIT)) {
            String path = submit.substring("POST ".length());
            Map<String, String> keyed = Map.of("Content-Type", "application/json", "Idempotency-Key", "key-" + path.length());
            RestClient.Reply created = rest.call(submit, path, keyed, ORDER);
            assertThat(created.text(), created.body().path("created").asBoolean(), is(true));
            orderId = orderId == null ? created.body().get("orderId").asText() : orderId;
            assertThat(rest.call(submit, path, keyed, ORDER).body().path("created").asBoolean(), is(false));
            rest.call(submit, path, keyed, ORDER.replace("10", "11"));
            rest.call(submit, path, Map.of("Content-Type", "application/json", "Idempotency-Key", "not a key"), ORDER);
            rest.call(submit, path, RestExchanges.JSON, "{\"tokenIn\":\"SOL\",\"tokenOut\":\"SOL\",\"amount\":-1}");
            rest.call(submit, path, RestExchanges.JSON, "{\"tokenIn\":");
            rest.call(submit, path, Map.of("Content-Type", "text/plain"), ORDER);
            rest.send(submit, rest.request(path).header("Content-Type", "application/json")
                    .expectContinue(true)
                    .POST(HttpRequest.BodyPublishers.ofString(ORDER.replace("}", ",\"pad\":\"" + "x".repeat(20_000) + "\"}"))));
        }
        String order = "/api/orders/" + orderId;
        awaitStatus(rest, order, "confirmed");
        rest.call(GET, "/api/orders/not-an-id", RestExchanges.NONE);
        rest.call(GET, "/api/orders/" + UNKNOWN, RestExchanges.NONE);
        rest.call(EVENTS, order + "/events?afterSeq=0", RestExchanges.NONE);
        rest.call(EVENTS, order + "/events?afterSeq=3", RestExchanges.NONE);
        rest.call(EVENTS, order + "/events?afterSeq=-1", RestExchanges.NONE);
        rest.call(EVENTS, "/api/orders/" + UNKNOWN + "/events", RestExchanges.NONE);
        String next = rest.call(LIST, "/api/orders?pageSize=1", RestExchanges.NONE).body().get("nextPageToken").asText();
        rest.call(LIST, "/api/orders?pageToken=" + next, RestExchanges.NONE);
        rest.call(LIST, "/api/orders?status=confirmed&limit=5", RestExchanges.NONE);
        rest.call(LIST, "/api/orders?status=bogus", RestExchanges.NONE);
        rest.call(LIST, "/api/orders?cursor=forged", RestExchanges.NONE);
        rest.call(LIST, "/api/orders?status=failed&failureCode=timeout", RestExchanges.NONE);
        rest.call(LIST, "/api/orders?failureCode=bogus", RestExchanges.NONE);
        rest.call(CANCEL, order + "/cancel", RestExchanges.NONE);
        rest.call(CANCEL, "/api/orders/" + UNKNOWN + "/cancel", RestExchanges.NONE);
        rest.call(CANCEL, "/api/orders/not-an-id/cancel", RestExchanges.NONE);
        rest.call(REPLAY, order + "/replay", RestExchanges.NONE);
        rest.call(REPLAY, "/api/orders/" + UNKNOWN + "/replay", RestExchanges.NONE);
        rest.call(REPLAY, "/api/orders/not-an-id/replay", RestExchanges.NONE);
        rest.call(HEALTH, "/health", RestExchanges.NONE);
        rest.call(OPENAPI, "/openapi", RestExchanges.NONE);
        rest.call(OPENAPI, "/openapi?format=JSON", RestExchanges.NONE);
        fromAnotherOrigin = rest.call(OPENAPI, "/openapi", Map.of("Origin", "https://editor.example"));
    }

    /**
     * Credentials refused and missing scopes, a subject past its share of the queue, a full queue, a
     * cancel, replays of a failed order: a gateway in jwt mode without a worker.
     */
    private static void lockedGateway(RestExchanges rest, String failed) throws Exception {
        Map<String, String> reader = Map.of("X-Api-Key", Tokens.READ_KEY);
        Map<String, String> writerOnly = Map.of("Authorization", "Bearer " + Tokens.token("bot", "orders:write"));
        Map<String, String> writer = Map.of("Content-Type", "application/json", "X-Api-Key", Tokens.WRITE_KEY);
        Map<String, String> forged = Map.of("Content-Type", "application/json", "Authorization", "Bearer forged");
        String some = "/api/orders/" + UNKNOWN;
        for (String submit : List.of(EXECUTE, SUBMIT)) {
            String path = submit.substring("POST ".length());
            rest.call(submit, path, RestExchanges.JSON, ORDER);
            rest.call(submit, path, forged, ORDER);
            rest.call(submit, path, Map.of("Content-Type", "application/json", "X-Api-Key", Tokens.READ_KEY), ORDER);
        }
        for (String[] read : new String[][] {{LIST, "/api/orders"}, {GET, some}, {EVENTS, some + "/events"}}) {
            rest.call(read[0], read[1], RestExchanges.NONE);
            rest.call(read[0], read[1], writerOnly);
        }
        rest.call(CANCEL, some + "/cancel", RestExchanges.NONE);
        rest.call(CANCEL, some + "/cancel", reader);
        Map<String, String> admin = Map.of("Authorization", "Bearer " + Tokens.token("ops", "orders:admin"));
        String replay = "/api/orders/" + failed + "/replay";
        rest.call(REPLAY, replay, RestExchanges.NONE);
        rest.call(REPLAY, replay, Map.of("X-Api-Key", Tokens.WRITE_KEY));
        // No worker takes them. A subject may have a tenth of the queue's two orders unfinished, at
        // least one: its next submit on either path is refused 429. Another subject's order fills
        // the queue, and a third's submit on either path is refused 503.
        String first = rest.call(EXECUTE, "/api/orders/execute", writer, ORDER).body().get("orderId").asText();
        rest.call(SUBMIT, "/api/orders", writer, ORDER);
        rest.call(EXECUTE, "/api/orders/execute", writer, ORDER);
        Map<String, String> second = Map.of("Content-Type", "application/json",
                                            "Authorization", "Bearer " + Tokens.token("second", "orders:write"));
        Map<String, String> third = Map.of("Content-Type", "application/json",
                                           "Authorization", "Bearer " + Tokens.token("third", "orders:write"));
        rest.call(SUBMIT, "/api/orders", second, ORDER);
        rest.call(EXECUTE, "/api/orders/execute", third, ORDER);
        rest.call(SUBMIT, "/api/orders", third, ORDER);
        // The queue is full for the replay too; once the cancel below makes room, it goes in.
        rest.call(REPLAY, replay, admin);
        rest.call(CANCEL, "/api/orders/" + first + "/cancel", Map.of("X-Api-Key", Tokens.WRITE_KEY));
        rest.call(REPLAY, replay, admin);
        rest.call(HEALTH, "/health", RestExchanges.NONE);
        rest.call(OPENAPI, "/openapi", RestExchanges.NONE);
    }

    @Test
    void everyAnswerIsDescribedByTheServedDocument() {
        List<String> failures = new ArrayList<>();
        for (RestExchanges.Exchange exchange : EXCHANGES) {
            RestClient.Reply reply = exchange.reply();
            String what = exchange.operation() + " → " + reply.status() + " " + reply.contentType() + ": ";
            Optional<OpenApiDocument.Response> response = document.response(exchange.operation(), reply.status());
            if (response.isEmpty()) {
                failures.add(what + "status not documented; body " + reply.text());
                continue;
            }
            for (String header : document.requiredHeaders(response.get())) {
                if (reply.headers().firstValue(header).isEmpty()) {
                    failures.add(what + "no " + header + " header");
                }
            }
            Optional<List<String>> schema = response.get().schema(reply.contentType());
            if (schema.isEmpty()) {
                failures.add(what + "content type not documented; documented: " + response.get().contentTypes());
            } else if (reply.contentType().contains("json")) {
                schemas.errors(ContractSchemas.at(ContractSchemas.OPENAPI, schema.get()), reply.text())
                        .forEach(error -> failures.add(what + error + " in " + reply.text()));
            }
        }
        assertThat(String.join("\n", failures), failures, is(empty()));
    }

    @Test
    void everyDescribedAnswerHappened() {
        Set<String> missing = new TreeSet<>();
        document.operations().forEach((operation, statuses) -> statuses.forEach(status -> {
            if (EXCHANGES.stream().noneMatch(e -> e.operation().equals(operation) && e.reply().status() == status)) {
                missing.add(operation + " → " + status);
            }
        }));
        assertThat("documented but never answered", missing, is(empty()));
    }

    @Test
    void aDriftedAnswerIsRefused() throws Exception {
        String submitted = pointer(SUBMIT, 200, "application/json");
        String problem = pointer(EXECUTE, 400, "application/problem+json");
        String events = pointer(EVENTS, 200, "application/json");
        ObjectNode answer = (ObjectNode) answered(SUBMIT, 200);
        ObjectNode refusal = (ObjectNode) answered(EXECUTE, 400);
        ObjectNode history = (ObjectNode) answered(EVENTS, 200);
        assertThat("the real answers are valid", schemas.errors(submitted, answer.toString()), is(empty()));
        assertThat(schemas.errors(problem, refusal.toString()), is(empty()));
        assertThat(schemas.errors(events, history.toString()), is(empty()));

        ObjectNode extra = answer.deepCopy();
        extra.put("extra", 1);
        ObjectNode renamed = answer.deepCopy();
        renamed.set("orderID", renamed.remove("orderId"));
        ObjectNode nested = answer.deepCopy();
        ((ObjectNode) nested.get("order")).put("lastSeq", "1");
        ObjectNode missing = refusal.deepCopy();
        missing.remove("detail");
        ObjectNode fieldError = refusal.deepCopy();
        ((ObjectNode) fieldError.withArray("errors").get(0)).put("code", "x");
        ObjectNode event = history.deepCopy();
        ((ObjectNode) event.withArray("events").get(0)).put("txHsh", "x");
        for (String[] drift : new String[][] {{submitted, extra.toString()}, {submitted, renamed.toString()},
                {submitted, nested.toString()}, {problem, missing.toString()}, {problem, fieldError.toString()},
                {events, event.toString()}}) {
            assertThat(drift[1], schemas.errors(drift[0], drift[1]), is(not(empty())));
        }
    }

    @Test
    void theServedDocumentIsTheOneInTheRepositoryAndOpenToAll() throws Exception {
        // Helidon parses the file and writes it out again (without its comments): the same tree.
        JsonNode repository = JSON.readTree(JSON.writeValueAsString(ContractSchemas.tree(ContractSchemas.openApiResource())));
        assertThat("YAML as in the repository", JSON.readTree(JSON.writeValueAsString(ContractSchemas.tree(served)))
                .equals(repository), is(true));
        assertThat("JSON as in the repository", servedAsJson.equals(repository), is(true));
        assertThat("served in jwt mode without a credential",
                   EXCHANGES.stream().filter(e -> e.operation().equals(OPENAPI)).map(e -> e.reply().status()).toList(),
                   is(List.of(200, 200, 200, 200)));
        assertThat("/observe still needs orders:admin", lockedObserve.status(), is(401));
        assertThat("readable by a page of any origin (it holds no data)",
                   fromAnotherOrigin.headers().firstValue("Access-Control-Allow-Origin").orElse(""), is("*"));
    }

    /** Reads an order until it has a status; gives up, failing, after ten seconds. */
    private static void awaitStatus(RestExchanges rest, String order, String wanted) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        String status = rest.call(GET, order, RestExchanges.NONE).body().path("status").asText();
        while (!status.equals(wanted) && System.nanoTime() < deadline) {
            Thread.sleep(20);
            status = rest.call(GET, order, RestExchanges.NONE).body().path("status").asText();
        }
        assertThat("the order ran to its end", status, is(wanted));
    }

    private static String pointer(String operation, int status, String contentType) {
        return ContractSchemas.at(ContractSchemas.OPENAPI,
                                  document.response(operation, status).orElseThrow().schema(contentType).orElseThrow());
    }

    /** A real answer of an operation with a status; for 400, one with field errors. */
    private static JsonNode answered(String operation, int status) {
        return EXCHANGES.stream().filter(e -> e.operation().equals(operation) && e.reply().status() == status)
                .map(e -> e.reply().body())
                .filter(body -> status != 400 || body.has("errors"))
                .findFirst().orElseThrow().deepCopy();
    }
}
