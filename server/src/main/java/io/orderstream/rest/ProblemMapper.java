package io.orderstream.rest;

import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.orderstream.auth.AuthenticationException;
import io.orderstream.auth.PermissionDeniedException;
import io.orderstream.gateway.InvalidRequestException;
import io.orderstream.gateway.OrderNotCancellableException;
import io.orderstream.gateway.OrderNotFoundException;
import io.orderstream.json.OrderJson;
import io.orderstream.order.InvalidOrderException;
import io.orderstream.store.IdempotencyConflictException;
import io.orderstream.store.StoreUnavailableException;

import io.helidon.common.buffers.DataReader;
import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.HttpException;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.Status;
import io.helidon.webserver.http.DirectHandlers;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;

/**
 * Every REST error, mapped to its status and problem detail in this one place. Handlers throw;
 * nothing else writes an error response. Unexpected failures are logged and answered 500
 * without internals.
 */
public final class ProblemMapper {
    private static final Logger LOG = Logger.getLogger(ProblemMapper.class.getName());

    private ProblemMapper() {
    }

    /**
     * Registers the error handlers on a routing.
     *
     * @param routing the HTTP routing
     */
    public static void register(HttpRouting.Builder routing) {
        routing.error(InvalidOrderException.class, (req, res, e) -> new Problem(
                        Status.BAD_REQUEST_400, "invalid-order", "Invalid order", e.getMessage(), e.violations())
                .send(res, path(req)));
        routing.error(InvalidRequestException.class, (req, res, e) -> new Problem(
                        Status.BAD_REQUEST_400, "invalid-request", "Invalid request", e.getMessage(), e.violations())
                .send(res, path(req)));
        routing.error(MalformedBodyException.class, (req, res, e) -> Problem.of(
                        Status.BAD_REQUEST_400, "malformed-body", "Malformed request body", e.getMessage())
                .send(res, path(req)));
        routing.error(UnsupportedMediaTypeException.class, (req, res, e) -> Problem.of(
                        Status.UNSUPPORTED_MEDIA_TYPE_415, "unsupported-media-type", "Unsupported media type",
                        e.getMessage())
                .send(res, path(req)));
        routing.error(AuthenticationException.class, (req, res, e) -> {
            res.headers().set(HeaderNames.WWW_AUTHENTICATE, BearerChallenge.of(e));
            Problem.of(Status.UNAUTHORIZED_401, "unauthenticated", "Authentication required", e.getMessage())
                    .send(res, path(req));
        });
        routing.error(PermissionDeniedException.class, (req, res, e) -> {
            res.headers().set(HeaderNames.WWW_AUTHENTICATE, BearerChallenge.of(e));
            Problem.of(Status.FORBIDDEN_403, "forbidden", "Forbidden", e.getMessage()).send(res, path(req));
        });
        routing.error(OrderNotFoundException.class, (req, res, e) -> Problem.of(
                        Status.NOT_FOUND_404, "order-not-found", "Order not found", e.getMessage())
                .send(res, path(req)));
        routing.error(OrderNotCancellableException.class, (req, res, e) -> Problem.of(
                        Status.CONFLICT_409, "order-not-cancellable", "Order cannot be cancelled", e.getMessage())
                .send(res, path(req)));
        routing.error(IdempotencyConflictException.class, (req, res, e) -> Problem.of(
                        Status.CONFLICT_409, "idempotency-key-reused", "Idempotency key reused", e.getMessage())
                .send(res, path(req)));
        routing.error(StoreUnavailableException.class, (req, res, e) -> {
            // Nothing was stored: the same request (with its Idempotency-Key) may simply be sent again.
            res.headers().set(HeaderNames.RETRY_AFTER, "1");
            Problem.of(Status.SERVICE_UNAVAILABLE_503, "unavailable", "Service unavailable",
                       e.getMessage() + ". Nothing was changed; retry shortly.")
                    .send(res, path(req));
        });
        // The client left before its body was whole: nothing is wrong here, and nobody reads the answer.
        routing.error(DataReader.InsufficientDataAvailableException.class, (req, res, e) -> Problem.of(
                        Status.BAD_REQUEST_400, "incomplete-body", "Incomplete request body",
                        "The request body ended before its declared length")
                .send(res, path(req)));
        routing.error(HttpException.class, (req, res, e) -> Problem.of(
                        e.status(), "http-" + e.status().code(), e.status().reasonPhrase(), e.getMessage())
                .send(res, path(req)));
        routing.error(Exception.class, (req, res, e) -> {
            LOG.log(Level.SEVERE, "Unexpected failure on " + req.prologue().method() + " " + path(req), e);
            Problem.of(Status.INTERNAL_SERVER_ERROR_500, "internal", "Internal error",
                       "The server failed to handle this request; it has been logged")
                    .send(res, path(req));
        });
    }

    private static String path(ServerRequest req) {
        return req.prologue().uriPath().path();
    }

    /**
     * Problem details for errors the server answers before routing (an oversized body, a
     * malformed request line), so they look like every other error.
     *
     * @return direct handlers for every event type
     */
    public static DirectHandlers directHandlers() {
        DirectHandler problems = ProblemMapper::direct;
        DirectHandlers.Builder builder = DirectHandlers.builder();
        for (DirectHandler.EventType type : DirectHandler.EventType.values()) {
            builder.addHandler(type, problems);
        }
        return builder.build();
    }

    /**
     * A whole HTTP/1.1 response carrying a problem, with {@code Connection: close}, for requests
     * refused before Helidon parses them.
     *
     * @param status the status
     * @param detail why, for the client
     * @return the response bytes
     */
    public static byte[] http1Response(Status status, String detail) {
        byte[] body = OrderJson.text(Problem.of(status, "http-" + status.code(), status.reasonPhrase(), detail)
                .toJson("")).getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 " + status.code() + " " + status.reasonPhrase() + "\r\n"
                + "Content-Type: " + Problem.MEDIA_TYPE.text() + "\r\n"
                + "Content-Length: " + body.length + "\r\n"
                + "Cache-Control: no-store\r\n"
                + "Connection: close\r\n\r\n";
        byte[] head8 = head.getBytes(StandardCharsets.US_ASCII);
        byte[] response = new byte[head8.length + body.length];
        System.arraycopy(head8, 0, response, 0, head8.length);
        System.arraycopy(body, 0, response, head8.length, body.length);
        return response;
    }

    private static DirectHandler.TransportResponse direct(DirectHandler.TransportRequest request,
                                                          DirectHandler.EventType eventType,
                                                          Status status,
                                                          ServerResponseHeaders headers,
                                                          String message) {
        String detail = switch (eventType) {
        case PAYLOAD_TOO_LARGE -> "The request body is larger than this server accepts";
        case BAD_REQUEST -> "The request is not valid HTTP: " + message;
        default -> status.reasonPhrase();
        };
        Problem problem = Problem.of(status, "http-" + status.code(), status.reasonPhrase(), detail);
        headers.contentType(Problem.MEDIA_TYPE);
        return DirectHandler.TransportResponse.builder()
                .status(status)
                .headers(headers)
                .entity(OrderJson.text(problem.toJson(request.path())).getBytes(StandardCharsets.UTF_8))
                .build();
    }
}
