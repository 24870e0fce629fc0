package io.orderstream.rest;

import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.orderstream.error.AuthenticationException;
import io.orderstream.error.IdempotencyConflictException;
import io.orderstream.error.InvalidOrderException;
import io.orderstream.error.InvalidRequestException;
import io.orderstream.error.MalformedBodyException;
import io.orderstream.error.OrderNotCancellableException;
import io.orderstream.error.OrderNotFoundException;
import io.orderstream.error.OrderNotReplayableException;
import io.orderstream.error.PermissionDeniedException;
import io.orderstream.error.RateLimitedException;
import io.orderstream.error.ServiceException;
import io.orderstream.error.ShuttingDownException;
import io.orderstream.error.StoreUnavailableException;
import io.orderstream.error.UnsupportedMediaTypeException;
import io.orderstream.json.OrderJson;

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
        routing.error(ServiceException.class, (req, res, e) -> problem(e, res.headers()).send(res, path(req)));
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
     * The problem that tells a client why its request was refused, and the headers that go with
     * it (a challenge, a retry delay). The one mapping of the taxonomy to REST: a kind added
     * to {@link ServiceException} does not compile until it is mapped here.
     *
     * @param failure what the request ran into
     * @param headers the response's headers, for those that go with the problem
     * @return the problem
     */
    static Problem problem(ServiceException failure, ServerResponseHeaders headers) {
        return switch (failure) {
        case InvalidOrderException e -> new Problem(Status.BAD_REQUEST_400, "invalid-order", "Invalid order",
                                                    e.getMessage(), e.violations());
        case InvalidRequestException e -> new Problem(Status.BAD_REQUEST_400, "invalid-request", "Invalid request",
                                                      e.getMessage(), e.violations());
        case MalformedBodyException e -> Problem.of(Status.BAD_REQUEST_400, "malformed-body", "Malformed request body",
                                                   e.getMessage());
        case UnsupportedMediaTypeException e -> Problem.of(Status.UNSUPPORTED_MEDIA_TYPE_415, "unsupported-media-type",
                                                          "Unsupported media type", e.getMessage());
        case AuthenticationException e -> {
            headers.set(HeaderNames.WWW_AUTHENTICATE, BearerChallenge.of(e));
            yield Problem.of(Status.UNAUTHORIZED_401, "unauthenticated", "Authentication required", e.getMessage());
        }
        case PermissionDeniedException e -> {
            headers.set(HeaderNames.WWW_AUTHENTICATE, BearerChallenge.of(e));
            yield Problem.of(Status.FORBIDDEN_403, "forbidden", "Forbidden", e.getMessage());
        }
        case RateLimitedException e -> {
            headers.set(HeaderNames.RETRY_AFTER, Long.toString(e.retryAfterSeconds()));
            yield Problem.of(Status.TOO_MANY_REQUESTS_429, "rate-limited", "Too many requests", e.getMessage());
        }
        case OrderNotFoundException e -> Problem.of(Status.NOT_FOUND_404, "order-not-found", "Order not found",
                                                   e.getMessage());
        case OrderNotCancellableException e -> Problem.of(Status.CONFLICT_409, "order-not-cancellable",
                                                         "Order cannot be cancelled", e.getMessage());
        case OrderNotReplayableException e -> Problem.of(Status.CONFLICT_409, "order-not-replayable",
                                                        "Order cannot be replayed", e.getMessage());
        case IdempotencyConflictException e -> Problem.of(Status.CONFLICT_409, "idempotency-key-reused",
                                                         "Idempotency key reused", e.getMessage());
        case StoreUnavailableException e -> {
            // Nothing was stored: the same request (with its Idempotency-Key) may simply be sent again.
            headers.set(HeaderNames.RETRY_AFTER, Long.toString(e.retryAfter().toSeconds()));
            yield Problem.of(Status.SERVICE_UNAVAILABLE_503, "unavailable", "Service unavailable",
                             e.getMessage() + ". Nothing was changed; retry shortly.");
        }
        case ShuttingDownException e -> Problem.of(Status.SERVICE_UNAVAILABLE_503, "unavailable", "Service unavailable",
                                                  e.getMessage() + "; retry shortly");
        };
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
