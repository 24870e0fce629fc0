package io.orderstream.abuse;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.function.Predicate;

import io.orderstream.testing.RawGrpc;
import io.orderstream.testing.RestClient;
import io.orderstream.testing.TestGateway;
import io.orderstream.testing.WsRecorder;

import com.fasterxml.jackson.databind.JsonNode;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.AfterTry;
import net.jqwik.api.lifecycle.BeforeContainer;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.in;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;

/**
 * Whatever a client sends, it is the client's problem: random and nearly valid order bodies
 * over REST, messages on both WebSocket endpoints, and request messages for {@code SubmitOrder}
 * and {@code WatchOrder} on both gRPC ports never get a 5xx, a WebSocket close 1011, an
 * {@code unavailable} error, or INTERNAL / UNKNOWN, and never go unanswered: every call has a
 * timeout, and running into it fails the try. {@code GET /health} answers 200 after every try.
 * One gateway serves the whole class; the tries are few enough that it runs in well under a minute.
 * <p>
 * It found: a number beyond a {@code BigDecimal}'s exponent in JSON answered 500 on REST and
 * closed a WebSocket with 1011 (see {@code ClientJson}); client text beyond Latin-1 quoted in a
 * status broke the call and its connection on the Helidon port (see {@code HelidonStatusMessages}).
 */
class ClientBytesFuzzTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final Set<Status.Code> CLIENT_OUTCOMES = EnumSet.of(
            Status.Code.OK, Status.Code.INVALID_ARGUMENT, Status.Code.NOT_FOUND, Status.Code.ALREADY_EXISTS,
            Status.Code.FAILED_PRECONDITION, Status.Code.OUT_OF_RANGE, Status.Code.RESOURCE_EXHAUSTED);
    // the end of an order's events, an unknown order, an id or seq that is no id or seq
    private static final Set<Integer> STATUS_SOCKET_CLOSES = Set.of(1000, 4400, 4404);

    private static TestGateway gateway;
    private static RestClient rest;
    private static ManagedChannel helidon;
    private static ManagedChannel netty;
    private static List<String> knownIds;

    enum Port {
        HELIDON, NETTY
    }

    @BeforeContainer
    static void start() throws Exception {
        // No worker: orders stay as made, so one stays open to watch (its streams stay open too).
        gateway = TestGateway.start(Map.of("orderstream.worker.enabled", "false"));
        rest = new RestClient(gateway.http());
        helidon = gateway.helidonChannel();
        netty = gateway.nettyChannel();
        // Real orders, so that inputs naming them reach the paths that replay and stream events:
        // one pending, one ended (cancelled).
        String order = "{\"tokenIn\":\"SOL\",\"tokenOut\":\"USDC\",\"amount\":1}";
        String pending = rest.submit(order);
        String ended = rest.submit(order);
        assertThat(rest.post(rest.request("/api/orders/" + ended + "/cancel")
                                     .POST(HttpRequest.BodyPublishers.noBody())).status(), is(200));
        knownIds = List.of(pending, ended);
    }

    @AfterContainer
    static void stop() {
        gateway.close();
    }

    @AfterTry
    void gatewayIsHealthy() throws Exception {
        assertThat(rest.get("/health").status(), is(200));
    }

    @Property(tries = 300)
    void orderBodiesAreAnsweredAsTheClientsMistake(@ForAll("orderBodies") byte[] body,
                                                   @ForAll("contentTypes") String contentType) throws Exception {
        HttpRequest.Builder request = rest.request("/api/orders/execute").timeout(TIMEOUT)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (!contentType.isEmpty()) {
            request.header("Content-Type", contentType);
        }
        HttpResponse<String> response = rest.http().send(request.build(), HttpResponse.BodyHandlers.ofString());
        String what = response.statusCode() + " " + response.body();
        assertThat(what, response.statusCode(), lessThan(500));
        if (response.statusCode() >= 400) {
            assertThat(what, response.headers().firstValue("Content-Type").orElse(""), is("application/problem+json"));
        }
    }

    @Property(tries = 60)
    void multiOrderSocketAnswersEveryMessage(@ForAll @Size(max = 6) List<@From("multiSocketMessages") String> messages)
            throws Exception {
        try (WsRecorder ws = WsRecorder.connect(rest.http(), gateway.ws() + "/ws")) {
            messages.forEach(ws::send);
            // An answer that names this id comes after the answers to everything sent before it.
            String marker = UUID.randomUUID().toString();
            ws.send("{\"op\":\"subscribe\",\"orderId\":\"" + marker + "\"}");
            for (JsonNode reply : repliesUntil(ws, reply -> marker.equals(reply.path("orderId").asText()), false)) {
                assertThat(reply.toString(), reply.path("code").asText(), not(is("unavailable")));
            }
        }
    }

    @Property(tries = 60)
    void orderStatusSocketAnswersOrCloses(@ForAll("orderIds") String orderId,
                                          @ForAll("seqs") Optional<String> afterSeq,
                                          @ForAll @Size(max = 4) List<@From("statusSocketMessages") String> messages)
            throws Exception {
        String uri = gateway.ws() + "/api/orders/status/" + encode(orderId)
                + afterSeq.map(seq -> "?afterSeq=" + encode(seq)).orElse("");
        WsRecorder ws;
        try {
            ws = WsRecorder.connect(rest.http(), uri);
        } catch (CompletionException e) {
            // Refused before it is a WebSocket (a path that is no order's): as the client's mistake.
            WebSocketHandshakeException refused = (WebSocketHandshakeException) e.getCause();
            assertThat(uri, refused.getResponse().statusCode(), lessThan(500));
            return;
        }
        try (ws) {
            for (String message : messages) {
                if (!trySend(ws, message)) {
                    break;
                }
            }
            if (trySend(ws, "{\"op\":\"ping\"}")) {
                repliesUntil(ws, reply -> "pong".equals(reply.path("type").asText()), true);
            }
            if (ws.isClosed()) {
                assertThat(uri, ws.awaitClose().code(), is(in(STATUS_SOCKET_CLOSES)));
            }
        }
    }

    @Property(tries = 150)
    void submitOrderMessagesGetAClientStatus(@ForAll("submitOrderMessages") byte[] message, @ForAll Port port) {
        Status status = RawGrpc.unary(channel(port), "orderstream.v1.OrderService/SubmitOrder", message, TIMEOUT);
        assertThat(status.toString(), status.getCode(), is(in(CLIENT_OUTCOMES)));
    }

    @Property(tries = 150)
    void watchOrderMessagesGetAClientStatus(@ForAll("watchOrderMessages") byte[] message, @ForAll Port port) {
        Status status = RawGrpc.serverStreaming(channel(port), "orderstream.v1.OrderService/WatchOrder", message,
                                                TIMEOUT);
        assertThat(status.toString(), status.getCode(), is(in(CLIENT_OUTCOMES)));
    }

    @Provide
    Arbitrary<byte[]> orderBodies() {
        return FuzzInputs.orderBodies();
    }

    @Provide
    Arbitrary<String> contentTypes() {
        return FuzzInputs.contentTypes();
    }

    @Provide
    Arbitrary<String> multiSocketMessages() {
        return FuzzInputs.multiSocketMessages(knownIds);
    }

    @Provide
    Arbitrary<String> statusSocketMessages() {
        return FuzzInputs.statusSocketMessages();
    }

    @Provide
    Arbitrary<String> orderIds() {
        return FuzzInputs.orderIdTexts(knownIds);
    }

    @Provide
    Arbitrary<Optional<String>> seqs() {
        return FuzzInputs.seqTexts().optional();
    }

    @Provide
    Arbitrary<byte[]> submitOrderMessages() {
        return FuzzInputs.submitOrderMessages();
    }

    @Provide
    Arbitrary<byte[]> watchOrderMessages() {
        // Only the ended order: a watch of the open one may rightly stay open and quiet.
        return FuzzInputs.watchOrderMessages(knownIds.subList(1, 2));
    }

    private static ManagedChannel channel(Port port) {
        return port == Port.HELIDON ? helidon : netty;
    }

    /**
     * Every message up to and including the first that {@code last} accepts, or up to the server's
     * close if {@code closeAnswers}; fails if the server falls silent, or closes when it should not.
     */
    private static List<JsonNode> repliesUntil(WsRecorder ws, Predicate<JsonNode> last, boolean closeAnswers)
            throws Exception {
        List<JsonNode> replies = new ArrayList<>();
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode reply = ws.poll(Duration.ofMillis(50));
            if (reply != null) {
                replies.add(reply);
                if (last.test(reply)) {
                    return replies;
                }
            } else if (ws.isClosed()) {
                if (closeAnswers) {
                    return replies;
                }
                throw new AssertionError("Closed with " + ws.awaitClose() + " after " + replies);
            }
        }
        throw new AssertionError("No answer within " + TIMEOUT + " after " + replies);
    }

    /** Sends, unless the server has closed the connection (then its close code tells why). */
    private static boolean trySend(WsRecorder ws, String message) {
        if (ws.isClosed()) {
            return false;
        }
        try {
            ws.send(message);
            return true;
        } catch (CompletionException e) {
            return false;
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
