package io.orderstream.ws;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import io.orderstream.auth.Authenticator;
import io.orderstream.auth.Credentials;
import io.orderstream.desk.Caller;
import io.orderstream.desk.OrderDesk;
import io.orderstream.desk.OrderIds;
import io.orderstream.error.AuthenticationException;
import io.orderstream.error.InvalidRequestException;
import io.orderstream.json.ClientJson;
import io.orderstream.json.UnreadableJsonException;
import io.orderstream.limits.Limits;
import io.orderstream.limits.QuotaKey;
import io.orderstream.order.Order;
import io.orderstream.watch.Backlog;
import io.orderstream.watch.BroadcastRegistry;
import io.orderstream.watch.Face;

import io.helidon.http.Headers;
import io.helidon.http.HttpPrologue;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * WebSocket {@code /ws}: one connection, many orders. Client messages:
 * {@code {"op":"subscribe","orderId":…,"afterSeq":…}}, {@code {"op":"unsubscribe","orderId":…}},
 * {@code {"op":"ping"}}. A subscription is acknowledged with {@code subscribed} once its watch is
 * in place (its history read, its live events arriving), before its events. A bad message or
 * subscription gets an {@code error} message naming it; the connection and its other
 * subscriptions carry on. After an order's terminal event its subscription ends with an
 * {@code unsubscribed} message.
 * <p>
 * The caller authenticates at the upgrade (as on the order's own socket), or, where a browser
 * can send no header and the token should stay out of the URL, with its first message
 * {@code {"op":"auth","token":…}}, within {@value #AUTH_SECONDS} s. Until then only {@code auth}
 * and {@code ping} are taken; anything else, a refused token or the time running out closes the
 * connection with 4401. Once its caller is known the connection counts against the caller's
 * WebSockets (past the cap it is closed with 1008), and each subscription against the caller's
 * subscriptions on this gateway (past that cap the subscribe gets a {@code rate-limited} error).
 * <p>
 * One listener per connection. {@code subscriptions} is a concurrent map: the connection's reader
 * adds and removes, the watches' threads remove their own entry when their order ends. Each
 * subscription gives its place under the caller's cap back when it ends, however it ends.
 */
final class MultiOrderSocket extends TrackedSocket {
    static final String PATH = "/ws";
    /** How long a connection that has not authenticated yet may stay. */
    static final int AUTH_SECONDS = 10;
    private static final Executor AUTH_DEADLINES = CompletableFuture.delayedExecutor(
            AUTH_SECONDS, TimeUnit.SECONDS, task -> Thread.ofVirtual().name("ws-auth-deadline").start(task));

    private final OrderDesk desk;
    private final BroadcastRegistry registry;
    private final Backlog backlog;
    private final int maxSubscriptions;
    private final Authenticator authenticator;
    private final Limits limits;
    // Sized for one at first, as most connections hold few: it grows as subscriptions come.
    private final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>(1);
    // Set at the upgrade, or by the auth message on the reader thread; read by the deadline.
    private volatile Caller caller;
    // Set on the reader thread once the caller is admitted, before any subscribe can run.
    private volatile QuotaKey quota;

    MultiOrderSocket(OrderDesk desk, BroadcastRegistry registry, WsSessions sessions, Backlog backlog,
                     int maxSubscriptions, Authenticator authenticator, Limits limits) {
        super(sessions, true, limits);
        this.desk = desk;
        this.registry = registry;
        this.backlog = backlog;
        this.maxSubscriptions = maxSubscriptions;
        this.authenticator = authenticator;
        this.limits = limits;
    }

    @Override
    public Optional<Headers> onHttpUpgrade(HttpPrologue prologue, Headers headers) {
        caller = WsAuthentication.optional(authenticator, prologue.query(), headers).orElse(null);
        return Optional.empty();
    }

    @Override
    void opened(SessionWriter out) {
        out.send(WsMessages.connection(null));
        if (caller == null) {
            AUTH_DEADLINES.execute(() -> {
                if (caller == null && !out.isClosed()) {
                    out.close(CloseCodes.UNAUTHORIZED, "Not authenticated within " + AUTH_SECONDS + " s");
                }
            });
        } else {
            quota = admit(out, caller);
        }
    }

    @Override
    void received(SessionWriter out, String text) {
        JsonNode message;
        try {
            message = ClientJson.read(text);
        } catch (UnreadableJsonException e) {
            out.send(WsMessages.error(null, "malformed", "Messages must be JSON objects such as "
                    + "{\"op\":\"subscribe\",\"orderId\":\"...\"}"));
            return;
        }
        String op = message != null && message.isObject() ? message.path("op").asText("") : "";
        if (caller == null && !"auth".equals(op) && !"ping".equals(op)) {
            out.close(CloseCodes.UNAUTHORIZED, "Authenticate first: {\"op\":\"auth\",\"token\":\"...\"}");
            return;
        }
        switch (op) {
        case "auth" -> authenticate(out, message);
        case "subscribe" -> subscribe(message);
        case "unsubscribe" -> unsubscribe(message);
        case "ping" -> out.send(WsMessages.pong());
        default -> out.send(WsMessages.error(null, "unknown-op",
                                             "Unknown op '" + op + "'; use auth, subscribe, unsubscribe or ping"));
        }
    }

    // Runs on the connection's reader thread only, so one order is never subscribed twice at once.
    private void subscribe(JsonNode message) {
        String rawId = message.path("orderId").asText("");
        Subscription subscription = null;
        try {
            String orderId = OrderIds.parse("orderId", rawId);
            long afterSeq = afterSeq(message.get("afterSeq"));
            Order order = desk.watchable(caller, orderId, afterSeq);
            if (subscriptions.containsKey(orderId)) {
                writer().send(WsMessages.error(orderId, "already-subscribed", "Already subscribed to order " + orderId));
                return;
            }
            if (subscriptions.size() >= maxSubscriptions) {
                writer().send(WsMessages.error(orderId, "too-many-subscriptions",
                                               "At most " + maxSubscriptions + " orders per connection"));
                return;
            }
            subscription = new Subscription(writer(), subscriptions, orderId, afterSeq, limits.subscription(quota));
            // In the map before the watch starts, so its first events find it subscribed; the
            // watch acknowledges it once in place, before those events (Subscription.started).
            subscriptions.put(orderId, subscription);
            subscription.watching(registry.watch(order, afterSeq, Face.MULTI_SOCKET, subscription, backlog));
            if (writer().isClosed()) {
                // The connection went while the watch started: leave() may have run before the
                // watch existed, and found nothing to cancel.
                subscriptions.remove(orderId, subscription);
                subscription.cancel();
            }
        } catch (SessionClosedException e) {
            if (subscription != null) {
                // leave() may have run before the subscription was in the map.
                subscriptions.remove(subscription.orderId(), subscription);
                subscription.cancel();
            }
            throw e;
        } catch (RuntimeException e) {
            if (subscription != null) {
                // The watch did not start: the order is not subscribed, and was never acknowledged.
                subscriptions.remove(subscription.orderId(), subscription);
                subscription.cancel();
            }
            WsErrors.Refusal refusal = WsErrors.refusal(e, rawId);
            writer().send(WsMessages.error(rawId.isEmpty() ? null : rawId, refusal.errorCode(), refusal.message()));
        }
    }

    // On the reader thread, like every message: one auth message is handled at a time.
    private void authenticate(SessionWriter out, JsonNode message) {
        if (caller != null) {
            out.send(WsMessages.error(null, "already-authenticated", "This connection is authenticated already"));
            return;
        }
        JsonNode token = message.get("token");
        try {
            if (token == null || !token.isTextual()) {
                throw AuthenticationException.invalid("The auth message needs a \"token\" string");
            }
            Caller authenticated = authenticator.authenticate(Credentials.bearer(token.textValue()));
            QuotaKey admitted = admit(out, authenticated);
            if (admitted == null) {
                return;
            }
            quota = admitted;
            caller = authenticated;
            out.send(WsMessages.authenticated(authenticated.subject()));
        } catch (AuthenticationException e) {
            WsErrors.Refusal refusal = WsErrors.refusal(e, null);
            out.close(refusal.closeCode(), refusal.message());
        }
    }

    private void unsubscribe(JsonNode message) {
        String rawId = message.path("orderId").asText("");
        Subscription subscription = subscriptions.remove(rawId.trim().toLowerCase(Locale.ROOT));
        if (subscription == null) {
            writer().send(WsMessages.error(rawId, "not-subscribed", "Not subscribed to order '" + rawId + "'"));
            return;
        }
        // A subscribe is acknowledged before its unsubscribe, even when its watch had yet to.
        subscription.unsubscribed();
    }

    private static long afterSeq(JsonNode value) {
        if (value == null || value.isNull()) {
            return 0;
        }
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return value.longValue();
        }
        if (value.isTextual()) {
            return OrderStatusSocket.parseSeq(value.textValue());
        }
        throw new InvalidRequestException("afterSeq", "must be a whole number, got " + value);
    }

    /** The connection is gone: end every subscription. */
    @Override
    void leave() {
        for (String orderId : List.copyOf(subscriptions.keySet())) {
            Subscription subscription = subscriptions.remove(orderId);
            if (subscription != null) {
                subscription.cancel();
            }
        }
    }
}
