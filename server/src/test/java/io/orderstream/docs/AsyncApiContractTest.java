package io.orderstream.docs;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;

/**
 * The AsyncAPI document ({@code docs/asyncapi.yaml}) against real traffic ({@link WsScenario}:
 * both WebSocket endpoints of live gateways, every message and refusal the document describes
 * provoked, every message collected until the gateway closes). Each message the gateway sent
 * must fit exactly one message the document says it sends on that channel; each one the test
 * sent, one it takes; every described message, error code, step and close code must have been
 * seen; and a drifted message must fit none.
 */
class AsyncApiContractTest {
    static final String ORDER_STATUS = "orderStatus";
    static final String MULTI = "multiOrder";
    /** Described but not provoked here: a server failure, and a client too slow (see SlowConsumerTest). */
    private static final Set<Integer> CLOSES_NOT_PROVOKED = Set.of(1011, 1013);
    /** Described but not provoked here: a watch refused because the store or the server is going away. */
    private static final String CODE_NOT_PROVOKED = "unavailable";

    @TempDir
    static Path keys;

    private static final WsCapture WS = new WsCapture();
    private static AsyncApiDocument document;
    private static ContractSchemas schemas;

    @BeforeAll
    static void capture() throws Exception {
        String asyncApi = ContractSchemas.asyncApiFile();
        document = new AsyncApiDocument(ContractSchemas.tree(asyncApi));
        schemas = new ContractSchemas(ContractSchemas.openApiResource(), asyncApi);
        new WsScenario(WS, document).run(keys);
    }

    @Test
    void everyMessageFitsExactlyOneDescribedMessage() {
        List<String> failures = new ArrayList<>();
        for (WsCapture.Frame frame : WS.frames) {
            List<AsyncApiDocument.Message> fits = fits(frame.channel(), frame.fromGateway(), frame.json());
            if (fits.size() != 1) {
                failures.add(frame.channel() + (frame.fromGateway() ? " ← " : " → ") + frame.json() + " fits " + fits);
            }
        }
        assertThat(String.join("\n", failures), failures, is(empty()));
        assertThat("messages captured", WS.frames.size() > 50, is(true));
    }

    @Test
    void everyDescribedMessageCodeStepAndCloseHappened() {
        Set<String> missing = new TreeSet<>();
        Set<String> steps = new TreeSet<>();
        for (String channel : List.of(ORDER_STATUS, MULTI)) {
            for (boolean fromGateway : List.of(true, false)) {
                for (AsyncApiDocument.Message message : fromGateway ? document.sent(channel) : document.received(channel)) {
                    List<JsonNode> seen = WS.frames.stream()
                            .filter(f -> f.channel().equals(channel) && f.fromGateway() == fromGateway
                                    && fits(channel, fromGateway, f.json()).equals(List.of(message)))
                            .map(WsCapture.Frame::json).toList();
                    if (seen.isEmpty()) {
                        missing.add(channel + " message " + message.name());
                    }
                    if (message.name().equals("event")) {
                        seen.forEach(json -> steps.add(json.path("type").asText()));
                    }
                    Set<String> codes = document.values(message, "code");
                    codes.remove(CODE_NOT_PROVOKED);
                    seen.forEach(json -> codes.remove(json.path("code").asText()));
                    codes.forEach(code -> missing.add(channel + " error code " + code));
                }
            }
            Set<Integer> closes = new TreeSet<>(document.closeCodes(channel));
            closes.removeAll(CLOSES_NOT_PROVOKED);
            WS.closes.stream().filter(c -> c.channel().equals(channel)).forEach(c -> {
                assertThat(channel + " closed with an undescribed code", document.closeCodes(channel).contains(c.code()),
                           is(true));
                closes.remove(c.code());
            });
            closes.forEach(code -> missing.add(channel + " close " + code));
        }
        assertThat("described but never seen", missing, is(empty()));
        assertThat("every step of an order", steps, is(new TreeSet<>(Set.of(
                "pending", "routing", "building", "submitted", "confirmed", "failed", "cancelled"))));
    }

    @Test
    void aDriftedMessageFitsNone() {
        ObjectNode subscribed = (ObjectNode) real(ORDER_STATUS, "subscribed");
        ObjectNode routed = (ObjectNode) WS.frames.stream().filter(f -> f.json().has("quotes")).findFirst().orElseThrow()
                .json().deepCopy();
        assertThat(fits(ORDER_STATUS, true, subscribed), hasSize(1));
        assertThat(fits(ORDER_STATUS, true, routed), hasSize(1));

        List<JsonNode> drifted = new ArrayList<>();
        drifted.add(subscribed.deepCopy().put("extra", 1));
        ObjectNode renamed = subscribed.deepCopy();
        renamed.set("orderID", renamed.remove("orderId"));
        drifted.add(renamed);
        drifted.add(subscribed.deepCopy().put("afterSeq", "0"));
        ObjectNode untimed = subscribed.deepCopy();
        untimed.remove("timestamp");
        drifted.add(untimed);
        ObjectNode quote = routed.deepCopy();
        ((ObjectNode) quote.withArray("quotes").get(0)).put("fee", 1);
        drifted.add(quote);
        drifted.add(routed.deepCopy().put("type", "done"));
        ObjectNode alias = routed.deepCopy();
        alias.remove("dex");
        drifted.add(alias);
        for (JsonNode json : drifted) {
            assertThat(json.toString(), fits(ORDER_STATUS, true, json), is(empty()));
        }
    }

    /** The described messages of a channel and direction that a message is valid against. */
    private static List<AsyncApiDocument.Message> fits(String channel, boolean fromGateway, JsonNode json) {
        List<AsyncApiDocument.Message> candidates = fromGateway ? document.sent(channel) : document.received(channel);
        return candidates.stream()
                .filter(m -> schemas.errors(ContractSchemas.at(ContractSchemas.ASYNCAPI, m.payload()), json.toString())
                        .isEmpty())
                .toList();
    }

    private static JsonNode real(String channel, String type) {
        return WS.frames.stream().filter(f -> f.channel().equals(channel) && f.json().path("type").asText().equals(type))
                .findFirst().orElseThrow().json().deepCopy();
    }
}
