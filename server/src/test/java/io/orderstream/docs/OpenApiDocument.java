package io.orderstream.docs;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads an OpenAPI 3.1 document as a client library would: its operations, the responses each
 * documents, and for a status and content type the schema and the headers of the response,
 * following {@code $ref}s to {@code components}.
 */
final class OpenApiDocument {
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options",
                                                      "trace");

    private final JsonNode root;

    OpenApiDocument(JsonNode root) {
        this.root = root;
    }

    /**
     * One response of one operation.
     *
     * @param pointer where the response object is, as reference tokens
     * @param node    the response object
     */
    record Response(List<String> pointer, JsonNode node) {
        /**
         * The schema for a content type, as a pointer into the document.
         *
         * @param contentType as the server sent it; parameters such as {@code charset} are ignored
         * @return the pointer, or empty when the response documents no such content
         */
        Optional<List<String>> schema(String contentType) {
            String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
            if (!node.path("content").path(type).has("schema")) {
                return Optional.empty();
            }
            List<String> schema = new ArrayList<>(pointer);
            schema.addAll(List.of("content", type, "schema"));
            return Optional.of(schema);
        }

        /**
         * Content types the response documents.
         *
         * @return the types
         */
        Set<String> contentTypes() {
            Set<String> types = new TreeSet<>();
            node.path("content").properties().forEach(entry -> types.add(entry.getKey()));
            return types;
        }
    }

    /**
     * Every operation, as {@code METHOD /path/{template}}, with the statuses it documents.
     *
     * @return operation to statuses
     */
    Map<String, Set<Integer>> operations() {
        Map<String, Set<Integer>> operations = new TreeMap<>();
        root.path("paths").properties().forEach(path -> path.getValue().properties().forEach(item -> {
            if (METHODS.contains(item.getKey())) {
                Set<Integer> statuses = new TreeSet<>();
                item.getValue().path("responses").properties()
                        .forEach(status -> statuses.add(Integer.parseInt(status.getKey())));
                operations.put(item.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey(), statuses);
            }
        }));
        return operations;
    }

    /**
     * The response an operation documents for a status.
     *
     * @param operation {@code METHOD /path/{template}}
     * @param status    HTTP status
     * @return the response, after its {@code $ref}, or empty when not documented
     */
    Optional<Response> response(String operation, int status) {
        String[] parts = operation.split(" ", 2);
        List<String> pointer = List.of("paths", parts[1], parts[0].toLowerCase(Locale.ROOT), "responses",
                                       Integer.toString(status));
        JsonNode node = node(pointer);
        if (node.isMissingNode()) {
            return Optional.empty();
        }
        return Optional.of(resolve(new Response(pointer, node)));
    }

    /**
     * The headers a response says are always there.
     *
     * @param response the response
     * @return their names
     */
    Set<String> requiredHeaders(Response response) {
        Set<String> required = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        response.node().path("headers").properties().forEach(header -> {
            JsonNode node = header.getValue();
            if (node.has("$ref")) {
                node = node(LocalReferences.tokens(node.get("$ref").asText()));
            }
            if (node.path("required").asBoolean(false)) {
                required.add(header.getKey());
            }
        });
        return required;
    }

    private Response resolve(Response response) {
        Response current = response;
        while (current.node().has("$ref")) {
            List<String> target = LocalReferences.tokens(current.node().get("$ref").asText());
            current = new Response(target, node(target));
        }
        return current;
    }

    private JsonNode node(List<String> pointer) {
        return LocalReferences.node(root, pointer);
    }
}
