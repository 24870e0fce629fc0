package io.orderstream.docs;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads an AsyncAPI 3.0 document as a client library would: per channel, its address, the
 * messages the gateway sends ({@code send} operations) and takes ({@code receive} operations)
 * with their payload schemas, and the close codes it lists ({@code x-close-codes}).
 */
final class AsyncApiDocument {
    private final JsonNode root;

    AsyncApiDocument(JsonNode root) {
        this.root = root;
    }

    /**
     * A message of a channel.
     *
     * @param name    its key in the channel, e.g. {@code connection}
     * @param payload where its payload schema is, as reference tokens
     */
    record Message(String name, List<String> payload) {
    }

    /**
     * The channel's address.
     *
     * @param channel e.g. {@code orderStatus}
     * @return e.g. {@code /api/orders/status/{orderId}}
     */
    String address(String channel) {
        return root.path("channels").path(channel).path("address").asText();
    }

    /**
     * Messages the gateway sends on a channel.
     *
     * @param channel the channel's key
     * @return the messages
     */
    List<Message> sent(String channel) {
        return messages(channel, "send");
    }

    /**
     * Messages the gateway takes on a channel.
     *
     * @param channel the channel's key
     * @return the messages
     */
    List<Message> received(String channel) {
        return messages(channel, "receive");
    }

    /**
     * The close codes a channel lists.
     *
     * @param channel the channel's key
     * @return the codes
     */
    Set<Integer> closeCodes(String channel) {
        Set<Integer> codes = new TreeSet<>();
        root.path("channels").path(channel).path("x-close-codes").properties()
                .forEach(code -> codes.add(Integer.parseInt(code.getKey())));
        return codes;
    }

    /**
     * The values a string member of a message's payload may take.
     *
     * @param message the message
     * @param member  e.g. {@code code}
     * @return its {@code enum}
     */
    Set<String> values(Message message, String member) {
        Set<String> values = new TreeSet<>();
        node(message.payload()).path("properties").path(member).path("enum").forEach(value -> values.add(value.asText()));
        return values;
    }

    private List<Message> messages(String channel, String action) {
        List<Message> messages = new ArrayList<>();
        root.path("operations").properties().forEach(operation -> {
            JsonNode node = operation.getValue();
            if (node.path("action").asText().equals(action)
                    && node.path("channel").path("$ref").asText().equals("#/channels/" + channel)) {
                node.path("messages").forEach(ref -> {
                    List<String> pointer = resolve(LocalReferences.tokens(ref.path("$ref").asText()));
                    List<String> payload = new ArrayList<>(pointer);
                    payload.add("payload");
                    messages.add(new Message(LocalReferences.tokens(ref.path("$ref").asText()).getLast(), payload));
                });
            }
        });
        return messages;
    }

    /** Follows {@code $ref}s from a pointer to the object they end at. */
    private List<String> resolve(List<String> pointer) {
        List<String> current = pointer;
        while (node(current).has("$ref")) {
            current = LocalReferences.tokens(node(current).get("$ref").asText());
        }
        return current;
    }

    private JsonNode node(List<String> pointer) {
        return LocalReferences.node(root, pointer);
    }
}
