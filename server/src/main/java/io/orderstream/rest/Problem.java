package io.orderstream.rest;

import java.util.List;

import io.orderstream.error.FieldViolation;
import io.orderstream.json.OrderJson;

import io.helidon.http.HeaderNames;
import io.helidon.http.HttpMediaType;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An RFC 9457 problem detail, as every REST error is answered. Besides the standard members it
 * carries {@code success: false} and {@code error}, which clients of the Node.js system read.
 *
 * @param status     HTTP status
 * @param slug       short kind of problem; the type is {@code urn:orderstream:problem:<slug>}
 * @param title      summary of the kind
 * @param detail     this occurrence, in words for the client
 * @param violations field by field, possibly none
 */
public record Problem(Status status, String slug, String title, String detail, List<FieldViolation> violations) {
    /** The media type of problem details. */
    public static final HttpMediaType MEDIA_TYPE = HttpMediaType.create("application/problem+json");

    /**
     * A problem without field violations.
     *
     * @param status HTTP status
     * @param slug   kind
     * @param title  summary
     * @param detail this occurrence
     * @return problem
     */
    public static Problem of(Status status, String slug, String title, String detail) {
        return new Problem(status, slug, title, detail, List.of());
    }

    /**
     * The problem as JSON.
     *
     * @param instance the request path
     * @return JSON object
     */
    public ObjectNode toJson(String instance) {
        ObjectNode json = OrderJson.MAPPER.createObjectNode();
        json.put("type", "urn:orderstream:problem:" + slug);
        json.put("title", title);
        json.put("status", status.code());
        json.put("detail", detail);
        json.put("instance", instance);
        if (!violations.isEmpty()) {
            ArrayNode errors = json.putArray("errors");
            violations.forEach(v -> errors.addObject().put("field", v.field()).put("message", v.description()));
        }
        json.put("success", false);
        json.put("error", detail);
        return json;
    }

    /**
     * Answers a request with this problem.
     *
     * @param response the response, not yet sent
     * @param instance the request path
     */
    public void send(ServerResponse response, String instance) {
        response.status(status);
        response.headers().contentType(MEDIA_TYPE);
        response.headers().set(HeaderNames.CACHE_CONTROL, "no-store");
        response.send(OrderJson.text(toJson(instance)));
    }
}
