package io.orderstream.watch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.orderstream.testing.Health;
import io.orderstream.testing.RestClient;
import io.orderstream.testing.Steps;
import io.orderstream.testing.TestGateway;
import io.orderstream.testing.WsRecorder;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

/**
 * WebSocket {@code /ws}: many orders on one connection; bad messages and subscriptions are
 * answered with errors while everything else carries on.
 */
class MultiOrderSocketTest {
    private static final String ORDER = "{\"tokenIn\":\"SOL\",\"tokenOut\":\"USDC\",\"amount\":1}";

    private static TestGateway gateway;
    private static RestClient rest;

    @BeforeAll
    static void start() {
        gateway = TestGateway.start(Map.of("orderstream.dex.latency.scale", "0.1"));
        rest = new RestClient(gateway.http());
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void oneConnectionWatchesManyOrdersAndSurvivesBadMessages() throws Exception {
        List<String> orders = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            orders.add(rest.submit(ORDER));
        }
        try (WsRecorder ws = WsRecorder.connect(rest.http(), gateway.ws() + "/ws")) {
            assertThat(ws.next().get("type").asText(), is("connection"));
            for (String orderId : orders) {
                ws.send("{\"op\":\"subscribe\",\"orderId\":\"" + orderId + "\"}");
            }
            // Bad input on the same connection, between good subscriptions.
            ws.send("this is not json");
            ws.send("{\"op\":\"dance\"}");
            ws.send("{\"op\":\"subscribe\",\"orderId\":\"nope\"}");
            ws.send("{\"op\":\"subscribe\",\"orderId\":\"00000000-0000-4000-8000-000000000000\"}");
            ws.send("{\"op\":\"subscribe\",\"orderId\":\"" + orders.getFirst() + "\",\"afterSeq\":\"x\"}");
            ws.send("{\"op\":\"ping\"}");

            Map<String, List<Steps.Step>> events = new HashMap<>();
            Map<String, String> errors = new HashMap<>();
            int subscribed = 0;
            int unsubscribed = 0;
            int pongs = 0;
            while (unsubscribed < orders.size() || errors.size() < 5 || pongs < 1) {
                JsonNode message = ws.next();
                String type = message.get("type").asText();
                switch (type) {
                case "subscribed" -> subscribed++;
                case "unsubscribed" -> unsubscribed++;
                case "pong" -> pongs++;
                case "error" -> errors.put(message.get("code").asText() + ":" + message.path("orderId").asText(),
                                           message.get("message").asText());
                default -> events.computeIfAbsent(message.get("orderId").asText(), id -> new ArrayList<>())
                        .add(new Steps.Step(message.get("seq").asLong(), type, message.get("progress").asInt()));
                }
            }
            assertThat(subscribed, is(5));
            for (String orderId : orders) {
                Steps.assertLife(events.get(orderId), "confirmed");
            }
            assertThat(errors.keySet().toString(), errors.size(), is(5));
            assertThat(errors.get("malformed:"), containsString("JSON"));
            assertThat(errors.get("unknown-op:"), containsString("dance"));
            assertThat(errors.get("invalid:nope"), containsString("UUID"));
            assertThat(errors.get("not-found:00000000-0000-4000-8000-000000000000"), containsString("not found"));
            // Either refused for its seq or as a second subscription; both name the order.
            assertThat(errors.keySet().stream().anyMatch(key -> key.endsWith(orders.getFirst())), is(true));
            assertThat(ws.isClosed(), is(false));
        }
        Health.assertAllZero(rest, Duration.ofSeconds(10));
    }

    @Test
    void unsubscribeStopsEventsAndResumeByAfterSeqWorks() throws Exception {
        String orderId = rest.submit(ORDER);
        try (WsRecorder ws = WsRecorder.connect(rest.http(), gateway.ws() + "/ws")) {
            ws.next();
            ws.send("{\"op\":\"unsubscribe\",\"orderId\":\"" + orderId + "\"}");
            JsonNode notSubscribed = ws.next();
            assertThat(notSubscribed.get("type").asText(), is("error"));
            assertThat(notSubscribed.get("code").asText(), is("not-subscribed"));

            ws.send("{\"op\":\"subscribe\",\"orderId\":\"" + orderId + "\",\"afterSeq\":0}");
            assertThat(ws.next().get("type").asText(), is("subscribed"));
            JsonNode first = ws.next();
            long lastSeq = first.get("seq").asLong();
            boolean ended = false;
            ws.send("{\"op\":\"unsubscribe\",\"orderId\":\"" + orderId + "\"}");
            // Events already on the wire may precede the acknowledgement; none may follow it.
            JsonNode message = ws.next();
            while (!message.get("type").asText().equals("unsubscribed")) {
                lastSeq = message.get("seq").asLong();
                ended = message.get("type").asText().equals("confirmed");
                message = ws.next();
            }
            if (ended) {
                // The order finished before the unsubscribe landed: the resume below has nothing to show.
                return;
            }
            ws.send("{\"op\":\"ping\"}");
            assertThat(ws.next().get("type").asText(), is("pong"));

            ws.send("{\"op\":\"subscribe\",\"orderId\":\"" + orderId + "\",\"afterSeq\":" + lastSeq + "}");
            assertThat(ws.next().get("type").asText(), is("subscribed"));
            List<Steps.Step> rest0 = new ArrayList<>();
            JsonNode event = ws.next();
            while (!event.get("type").asText().equals("unsubscribed")) {
                rest0.add(new Steps.Step(event.get("seq").asLong(), event.get("type").asText(),
                                         event.get("progress").asInt()));
                event = ws.next();
            }
            Steps.assertLife(rest0, lastSeq + 1, "confirmed");
        }
    }

    @Test
    void aSubscribeIsAcknowledgedBeforeItsUnsubscribeHoweverSoonThatComes() throws Exception {
        // No worker: the orders stay pending, so each subscription ends only by its unsubscribe.
        try (TestGateway waiting = TestGateway.start(Map.of("orderstream.worker.enabled", "false"))) {
            RestClient client = new RestClient(waiting.http());
            List<String> orders = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                orders.add(client.submit(ORDER));
            }
            assertAcknowledgedInOrder(client, waiting.ws() + "/ws", orders);
        }
    }

    private static void assertAcknowledgedInOrder(RestClient client, String url, List<String> orders) throws Exception {
        try (WsRecorder ws = WsRecorder.connect(client.http(), url)) {
            ws.next();
            // Back to back: the unsubscribe is read while the watch may still be starting, or
            // after it has acknowledged the subscription and sent some of the order's history.
            for (String orderId : orders) {
                ws.send("{\"op\":\"subscribe\",\"orderId\":\"" + orderId + "\"}");
                ws.send("{\"op\":\"unsubscribe\",\"orderId\":\"" + orderId + "\"}");
            }
            // Answered after every unsubscribe: each order's messages all come before it, as none
            // of a subscription's may follow its "unsubscribed".
            ws.send("{\"op\":\"ping\"}");
            Map<String, List<String>> byOrder = new HashMap<>();
            JsonNode message = ws.next();
            while (!message.get("type").asText().equals("pong")) {
                byOrder.computeIfAbsent(message.get("orderId").asText(), id -> new ArrayList<>())
                        .add(message.get("type").asText());
                message = ws.next();
            }
            for (String orderId : orders) {
                List<String> types = byOrder.get(orderId);
                assertThat(orderId + ": " + types, types.getFirst(), is("subscribed"));
                assertThat(orderId + ": " + types, types.getLast(), is("unsubscribed"));
                assertThat(orderId + ": " + types, types.stream().filter("subscribed"::equals).count(), is(1L));
                assertThat(orderId + ": " + types, types.stream().filter("unsubscribed"::equals).count(), is(1L));
            }
        }
        Health.assertAllZero(client, Duration.ofSeconds(10));
    }
}
