package io.orderstream.ws;

import java.time.Instant;

import io.orderstream.json.ClientJson;
import io.orderstream.json.OrderJson;
import io.orderstream.json.UnreadableJsonException;
import io.orderstream.watch.SharedEvent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The control messages of both WebSocket endpoints (events themselves are
 * {@link OrderJson#event}).
 */
final class WsMessages {
    /** An event as both endpoints send it: written once per event, shared by all its watchers. */
    static final SharedEvent.Encoding<String> EVENT = event -> OrderJson.text(OrderJson.event(event));

    private WsMessages() {
    }

    static ObjectNode connection(String orderId) {
        ObjectNode json = message("connection");
        json.put("message", orderId == null ? "Connected to the order stream; subscribe with {\"op\":\"subscribe\","
                + "\"orderId\":...}" : "Connected to order status stream");
        if (orderId != null) {
            json.put("orderId", orderId);
        }
        return stamp(json);
    }

    static ObjectNode subscribed(String orderId, long afterSeq) {
        ObjectNode json = message("subscribed");
        json.put("orderId", orderId);
        json.put("afterSeq", afterSeq);
        json.put("message", "Subscribed to real-time updates for order " + orderId);
        return stamp(json);
    }

    static ObjectNode authenticated(String subject) {
        ObjectNode json = message("authenticated");
        json.put("subject", subject);
        json.put("message", "Authenticated as " + subject);
        return stamp(json);
    }

    static ObjectNode unsubscribed(String orderId, String reason) {
        ObjectNode json = message("unsubscribed");
        json.put("orderId", orderId);
        json.put("message", reason);
        return stamp(json);
    }

    static ObjectNode error(String orderId, String code, String text) {
        ObjectNode json = message("error");
        if (orderId != null) {
            json.put("orderId", orderId);
        }
        json.put("code", code);
        json.put("message", text);
        return stamp(json);
    }

    /**
     * The {@code op} of a client message.
     *
     * @return the op, or empty when the message is not a JSON object with one
     */
    static String op(String message) {
        try {
            JsonNode json = ClientJson.read(message);
            return json != null && json.isObject() ? json.path("op").asText("") : "";
        } catch (UnreadableJsonException e) {
            return "";
        }
    }

    static ObjectNode pong() {
        return stamp(message("pong"));
    }

    private static ObjectNode message(String type) {
        ObjectNode json = OrderJson.MAPPER.createObjectNode();
        json.put("type", type);
        return json;
    }

    private static ObjectNode stamp(ObjectNode json) {
        json.put("timestamp", OrderJson.timestamp(Instant.now()));
        return json;
    }
}
