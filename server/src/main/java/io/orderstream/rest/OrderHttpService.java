package io.orderstream.rest;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.orderstream.auth.Authenticator;
import io.orderstream.auth.Credentials;
import io.orderstream.desk.Caller;
import io.orderstream.desk.OrderDesk;
import io.orderstream.desk.OrderListing;
import io.orderstream.desk.Submission;
import io.orderstream.desk.SubmitFace;
import io.orderstream.error.InvalidRequestException;
import io.orderstream.error.MalformedBodyException;
import io.orderstream.error.UnsupportedMediaTypeException;
import io.orderstream.json.ClientJson;
import io.orderstream.json.OrderJson;
import io.orderstream.json.UnreadableJsonException;
import io.orderstream.limits.Limits;
import io.orderstream.order.FailureCode;
import io.orderstream.order.Order;
import io.orderstream.order.OrderEvent;
import io.orderstream.order.OrderRequest;
import io.orderstream.order.OrderStatus;
import io.orderstream.order.OrderValidator;
import io.orderstream.tracing.Traced;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.HttpMediaType;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The REST face of orders, under {@code /api/orders}. Each handler first authenticates its
 * caller ({@code Authorization: Bearer} or {@code X-Api-Key}) and hands it to the order desk,
 * which decides what the caller may do. Errors are thrown and mapped by {@link ProblemMapper}.
 */
public final class OrderHttpService implements HttpService {
    private static final HeaderName API_KEY = HeaderNames.create(Credentials.API_KEY_HEADER);
    private static final HeaderName IDEMPOTENCY_KEY = HeaderNames.create("Idempotency-Key");

    private final OrderDesk desk;
    private final Authenticator authenticator;
    private final Limits limits;
    private final WebSocketUrls webSocketUrls;

    /**
     * Creates the service.
     *
     * @param desk          the use cases of orders
     * @param authenticator who the caller of each request is
     * @param limits        whom each request counts against
     * @param publicUrl     the gateway's public base URL, for the {@code wsUrl} of a submit; empty:
     *                      the address each request arrived on
     */
    public OrderHttpService(OrderDesk desk, Authenticator authenticator, Limits limits, Optional<URI> publicUrl) {
        this.desk = desk;
        this.authenticator = authenticator;
        this.limits = limits;
        this.webSocketUrls = new WebSocketUrls(publicUrl);
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/execute", (req, res) -> submit(req, res, "POST /api/orders/execute"))
                .post("/", (req, res) -> submit(req, res, "POST /api/orders"))
                .get("/", this::list)
                .get("/{orderId}", this::get)
                .get("/{orderId}/events", this::events)
                .post("/{orderId}/cancel", this::cancel)
                .post("/{orderId}/replay", this::replay);
    }

    /** A submit, traced as one span that continues the caller's trace ({@code traceparent}). */
    private void submit(ServerRequest req, ServerResponse res, String route) {
        Traced span = Traced.incoming(route, name -> req.headers().first(HeaderNames.create(name)).orElse(null))
                .attribute("http.request.method", "POST")
                .attribute("http.route", route.substring("POST ".length()));
        try {
            submit(req, res, span);
        } catch (RuntimeException e) {
            // Mapped to its answer by ProblemMapper, after the span has ended.
            span.fail(e);
            throw e;
        } finally {
            span.close();
        }
    }

    private void submit(ServerRequest req, ServerResponse res, Traced span) {
        Caller caller = caller(req);
        JsonNode body = jsonObject(req);
        OrderRequest request = OrderValidator.validate(text(body, "tokenIn"), text(body, "tokenOut"),
                                                       text(body, "amount"), text(body, "slippage"),
                                                       req.headers().first(IDEMPOTENCY_KEY).orElse(null));
        Submission submission = desk.submit(caller, limits.submits(limits.key(caller, req.remotePeer().address())),
                                            request, SubmitFace.REST);
        Order order = submission.order();
        span.attribute(Traced.ORDER_ID, order.id());
        ObjectNode json = OrderJson.MAPPER.createObjectNode();
        json.put("success", true);
        json.put("orderId", order.id());
        // The Node.js system answered its queue's job id; clients may still read it.
        json.put("jobId", order.id());
        json.put("status", order.status().wireName());
        json.put("created", submission.created());
        json.put("message", submission.created() ? "Order received and queued for execution"
                : "Order already received with this Idempotency-Key");
        json.put("wsUrl", webSocketUrls.forOrder(req, order.id()));
        json.set("order", OrderJson.order(order));
        res.headers().location(java.net.URI.create("/api/orders/" + order.id()));
        res.status(Status.OK_200).send(json);
    }

    private void get(ServerRequest req, ServerResponse res) {
        res.send(OrderJson.order(desk.get(caller(req), req.path().pathParameters().get("orderId"))));
    }

    private void list(ServerRequest req, ServerResponse res) {
        Caller caller = caller(req);
        Optional<OrderStatus> status = req.query().first("status").asOptional().map(name -> OrderStatus
                .fromWireName(name)
                .orElseThrow(() -> new InvalidRequestException("status", "must be one of pending, routing, "
                        + "building, submitted, confirmed, failed, cancelled; got '" + name + "'")));
        Optional<FailureCode> failureCode = req.query().first("failureCode").asOptional().map(name -> FailureCode
                .fromTag(name)
                .orElseThrow(() -> new InvalidRequestException("failureCode", "must be one of slippage, dex_error, "
                        + "timeout, max_deliveries; got '" + name + "'")));
        // pageSize/pageToken, or limit/cursor as the Node.js system's clients may say.
        long pageSize = number("pageSize", param(req, "pageSize", "limit").orElse("0"));
        // A refused token is reported under the name the client used.
        String tokenParameter = req.query().contains("pageToken") ? "pageToken" : "cursor";
        String token = req.query().first(tokenParameter).orElse("");
        OrderListing page = desk.list(caller, status, failureCode,
                                      (int) Math.clamp(pageSize, Integer.MIN_VALUE, Integer.MAX_VALUE),
                                      token, tokenParameter);
        ObjectNode json = OrderJson.MAPPER.createObjectNode();
        ArrayNode items = json.putArray("orders");
        page.orders().forEach(order -> items.add(OrderJson.order(order)));
        json.put("nextPageToken", page.nextPageToken());
        res.send(json);
    }

    private void events(ServerRequest req, ServerResponse res) {
        Caller caller = caller(req);
        String orderId = req.path().pathParameters().get("orderId");
        long afterSeq = number("afterSeq", req.query().first("afterSeq").orElse("0"));
        List<OrderEvent> events = desk.events(caller, orderId, afterSeq);
        ObjectNode json = OrderJson.MAPPER.createObjectNode();
        json.put("orderId", orderId.toLowerCase(Locale.ROOT));
        ArrayNode items = json.putArray("events");
        events.forEach(event -> items.add(OrderJson.event(event)));
        res.send(json);
    }

    private void cancel(ServerRequest req, ServerResponse res) {
        Order order = desk.cancel(caller(req), req.path().pathParameters().get("orderId"));
        ObjectNode json = OrderJson.order(order);
        json.put("success", true);
        res.send(json);
    }

    private void replay(ServerRequest req, ServerResponse res) {
        Order order = desk.replay(caller(req), req.path().pathParameters().get("orderId"));
        ObjectNode json = OrderJson.order(order);
        json.put("success", true);
        res.send(json);
    }

    /** Who sent the request; first in every handler, so nothing is read for a stranger. */
    private Caller caller(ServerRequest req) {
        return authenticator.authenticate(new Credentials(req.headers().first(HeaderNames.AUTHORIZATION),
                                                          req.headers().first(API_KEY), Optional.empty()));
    }

    private static JsonNode jsonObject(ServerRequest req) {
        // Required, not guessed: a request without it is what a foreign page can send cross-site
        // without asking first (CORS), and nothing but JSON is an order.
        HttpMediaType type = req.headers().contentType().orElseThrow(() -> new UnsupportedMediaTypeException(
                "Send the order as JSON, with Content-Type: application/json"));
        if (!isJson(type)) {
            throw new UnsupportedMediaTypeException("Send the order as JSON (Content-Type: application/json), not "
                                                            + type.mediaType().text());
        }
        type.charset().ifPresent(OrderHttpService::requireUtf8);
        if (!req.content().hasEntity()) {
            throw new MalformedBodyException("The request has no body; send a JSON order");
        }
        // Bytes, not a String decoded by the declared charset: JSON is UTF-8 (RFC 8259), and
        // decoding by a name the client made up is where a 500 used to come from.
        byte[] bytes = req.content().as(byte[].class);
        JsonNode body;
        try {
            body = ClientJson.read(bytes);
        } catch (UnreadableJsonException e) {
            throw new MalformedBodyException("The body is not valid JSON: " + e.getMessage());
        }
        if (body == null || !body.isObject()) {
            throw new MalformedBodyException("The body must be a JSON object such as "
                    + "{\"tokenIn\":\"SOL\",\"tokenOut\":\"USDC\",\"amount\":10,\"slippage\":0.5}");
        }
        return body;
    }

    private static void requireUtf8(String charset) {
        if (!"utf-8".equalsIgnoreCase(charset) && !"utf8".equalsIgnoreCase(charset)) {
            throw new UnsupportedMediaTypeException("Send JSON in UTF-8; charset '" + charset + "' is not accepted");
        }
    }

    private static boolean isJson(HttpMediaType type) {
        String subtype = type.mediaType().subtype();
        return "application".equals(type.mediaType().type()) && ("json".equals(subtype) || subtype.endsWith("+json"));
    }

    /**
     * A field as text for the validator: strings as they are, numbers in full; anything else
     * (objects, booleans) as text the validator refuses.
     */
    private static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isNumber()) {
            return value.decimalValue().toString();
        }
        return value.isTextual() ? value.textValue() : value.toString();
    }

    private static Optional<String> param(ServerRequest req, String name, String alias) {
        return req.query().first(name).asOptional().or(() -> req.query().first(alias).asOptional());
    }

    private static long number(String name, String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new InvalidRequestException(name, "must be a whole number, got '" + value + "'");
        }
    }

}
