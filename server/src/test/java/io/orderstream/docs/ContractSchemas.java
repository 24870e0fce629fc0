package io.orderstream.docs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

/**
 * The OpenAPI and AsyncAPI documents as JSON Schema resources, so that any schema inside either
 * can validate a captured message, with its {@code $ref}s (within a document, and from the
 * AsyncAPI document into the OpenAPI one) resolved as tools resolve them.
 * <p>
 * Both are read as JSON Schema 2020-12, the dialect of OpenAPI 3.1. The AsyncAPI document's own
 * schemas use only keywords that mean the same in its draft-07 based dialect (no {@code $ref}
 * beside other keywords), so the verdicts are the ones an AsyncAPI tool would give.
 */
final class ContractSchemas {
    /** Where the documents are, relative to one base, as in the repository. */
    static final String BASE = "https://orderstream.test/";
    static final String OPENAPI = BASE + "server/src/main/resources/META-INF/openapi.yaml";
    static final String ASYNCAPI = BASE + "docs/asyncapi.yaml";
    /** The OpenAPI document as the classpath holds it. */
    static final String OPENAPI_RESOURCE = "META-INF/openapi.yaml";
    /** The AsyncAPI document, from the server module's directory (where tests run). */
    static final Path ASYNCAPI_FILE = Path.of("..", "docs", "asyncapi.yaml");

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final SchemaRegistry registry;
    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

    /**
     * Both documents, as given.
     *
     * @param openApi  the OpenAPI document (YAML or JSON text)
     * @param asyncApi the AsyncAPI document (YAML or JSON text)
     */
    ContractSchemas(String openApi, String asyncApi) {
        this.registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                builder -> builder.schemas(Map.of(OPENAPI, openApi, ASYNCAPI, asyncApi)));
    }

    /**
     * What a schema finds wrong with a JSON text.
     *
     * @param pointer the schema: a document's IRI with a JSON pointer fragment (see {@link #at})
     * @param json    the message or body
     * @return each violation, with where it is; empty when the JSON is valid
     */
    List<String> errors(String pointer, String json) {
        Schema schema = schemas.computeIfAbsent(pointer, at -> registry.getSchema(SchemaLocation.of(at)));
        return schema.validate(json, InputFormat.JSON).stream().map(Error::toString).toList();
    }

    /**
     * A JSON pointer into a document, as an IRI fragment: each token escaped as RFC 6901 says
     * ({@code ~0}, {@code ~1}) and characters an IRI may not hold, such as the braces of a
     * path template, percent-encoded.
     *
     * @param document {@link #OPENAPI} or {@link #ASYNCAPI}
     * @param tokens   the pointer's reference tokens
     * @return e.g. {@code …openapi.yaml#/paths/~1api~1orders~1%7BorderId%7D/get}
     */
    static String at(String document, List<String> tokens) {
        StringBuilder pointer = new StringBuilder(document).append('#');
        for (String token : tokens) {
            pointer.append('/').append(token.replace("~", "~0").replace("/", "~1")
                                               .replace("{", "%7B").replace("}", "%7D"));
        }
        return pointer.toString();
    }

    /**
     * A YAML (or JSON) document as a tree.
     *
     * @param text the document
     * @return its tree
     */
    static JsonNode tree(String text) {
        try {
            return YAML.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The OpenAPI document the gateway serves, as the classpath holds it.
     *
     * @return its text
     */
    static String openApiResource() {
        try (InputStream in = ContractSchemas.class.getClassLoader().getResourceAsStream(OPENAPI_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(OPENAPI_RESOURCE + " is not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The AsyncAPI document in {@code docs/}.
     *
     * @return its text
     */
    static String asyncApiFile() {
        try {
            return Files.readString(ASYNCAPI_FILE, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
