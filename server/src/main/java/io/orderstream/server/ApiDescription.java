package io.orderstream.server;

import io.helidon.openapi.OpenApiFeature;

/**
 * {@code GET /openapi}: the REST contract, the OpenAPI 3.1 document
 * {@code META-INF/openapi.yaml}, as Helidon reads it (the same tree, without its comments), in
 * YAML or, with {@code ?format=JSON}, JSON.
 * <p>
 * Open to every caller in every auth mode, and to browser pages of any origin (Helidon answers
 * {@code Access-Control-Allow-Origin: *} here): it describes the API and holds no data, and
 * clients and tools (editors, generators) read it before they have a token. It is not under
 * {@code /observe}, whose admin-only rule ({@link io.orderstream.auth.ObserveAccess}) stays as
 * it is.
 */
final class ApiDescription {
    /** Where the document is, on the classpath. */
    static final String DOCUMENT = "META-INF/openapi.yaml";

    private ApiDescription() {
    }

    /**
     * The feature serving the document.
     *
     * @return the feature
     */
    static OpenApiFeature feature() {
        return OpenApiFeature.create(openApi -> openApi.staticFile(DOCUMENT).permitAll(true));
    }
}
