package io.orderstream.docs;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Local {@code $ref}s of the OpenAPI and AsyncAPI documents ({@code #/components/…}) as lists of
 * reference tokens, and the nodes they point at.
 */
final class LocalReferences {
    private LocalReferences() {
    }

    /**
     * A local reference's tokens, unescaped as RFC 6901 says (Jackson's {@link JsonPointer}).
     *
     * @param ref e.g. {@code #/components/schemas/Problem}
     * @return e.g. {@code [components, schemas, Problem]}
     * @throws IllegalArgumentException for a reference into another document
     */
    static List<String> tokens(String ref) {
        if (!ref.startsWith("#/")) {
            throw new IllegalArgumentException("Only local references are followed here, not " + ref);
        }
        List<String> tokens = new ArrayList<>();
        for (JsonPointer pointer = JsonPointer.compile(ref.substring(1)); !pointer.matches(); pointer = pointer.tail()) {
            tokens.add(pointer.getMatchingProperty());
        }
        return tokens;
    }

    /**
     * The node at a list of tokens.
     *
     * @param root   the document
     * @param tokens where
     * @return the node, or a missing node
     */
    static JsonNode node(JsonNode root, List<String> tokens) {
        JsonNode node = root;
        for (String token : tokens) {
            node = node.path(token);
        }
        return node;
    }
}
