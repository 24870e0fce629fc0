package io.orderstream.docs;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.orderstream.testing.RestClient;

/**
 * A REST client that keeps every answer with the documented operation it was a call of, so
 * that each can be checked against what the OpenAPI document says that operation answers.
 */
final class RestExchanges {
    /** No headers. */
    static final Map<String, String> NONE = Map.of();
    /** A JSON body. */
    static final Map<String, String> JSON = Map.of("Content-Type", "application/json");

    private final RestClient rest;
    private final List<Exchange> sink;

    /**
     * One call and its answer.
     *
     * @param operation the documented operation, {@code METHOD /path/{template}}
     * @param reply     what the server answered
     */
    record Exchange(String operation, RestClient.Reply reply) {
    }

    /**
     * A client of one gateway.
     *
     * @param base e.g. {@code http://127.0.0.1:41234}
     * @param sink where every exchange goes
     */
    RestExchanges(String base, List<Exchange> sink) {
        this.rest = new RestClient(base);
        this.sink = sink;
    }

    /**
     * Calls an operation without a body.
     *
     * @param operation {@code METHOD /path/{template}}
     * @param path      the path (and query) the call goes to, which must fit the template
     * @param headers   request headers
     * @return the answer
     */
    RestClient.Reply call(String operation, String path, Map<String, String> headers) throws Exception {
        return call(operation, path, headers, null);
    }

    /**
     * Calls an operation.
     *
     * @param operation {@code METHOD /path/{template}}
     * @param path      the path (and query) the call goes to, which must fit the template
     * @param headers   request headers
     * @param body      the body, or null for none
     * @return the answer
     */
    RestClient.Reply call(String operation, String path, Map<String, String> headers, String body) throws Exception {
        HttpRequest.Builder request = rest.request(path).method(operation.split(" ", 2)[0], body == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return send(operation, request);
    }

    /**
     * A request to this gateway, for {@link #send}.
     *
     * @param path path and query
     * @return the request builder
     */
    HttpRequest.Builder request(String path) {
        return rest.request(path);
    }

    /**
     * Sends a request built by the caller.
     *
     * @param operation {@code METHOD /path/{template}}
     * @param request   the request, to a path that fits the template
     * @return the answer
     */
    RestClient.Reply send(String operation, HttpRequest.Builder request) throws Exception {
        String[] parts = operation.split(" ", 2);
        HttpRequest built = request.copy().build();
        URI uri = built.uri();
        if (!built.method().equals(parts[0]) || !template(parts[1]).matcher(uri.getRawPath()).matches()) {
            throw new IllegalArgumentException(built.method() + " " + uri.getRawPath() + " is not a call of " + operation);
        }
        RestClient.Reply reply = rest.post(request);
        sink.add(new Exchange(operation, reply));
        return reply;
    }

    /** A path template as a pattern: each {@code {name}} one path segment. */
    private static Pattern template(String template) {
        StringBuilder pattern = new StringBuilder();
        for (String piece : template.split("(?=\\{)|(?<=\\})")) {
            pattern.append(piece.startsWith("{") ? "[^/]+" : Pattern.quote(piece));
        }
        return Pattern.compile(pattern.toString());
    }
}
