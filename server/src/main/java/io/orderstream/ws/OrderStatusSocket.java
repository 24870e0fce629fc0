package io.orderstream.ws;

import java.util.Optional;

import io.orderstream.auth.Authenticator;
import io.orderstream.desk.Caller;
import io.orderstream.desk.OrderDesk;
import io.orderstream.error.InvalidRequestException;
import io.orderstream.limits.Limits;
import io.orderstream.order.Order;
import io.orderstream.watch.Backlog;
import io.orderstream.watch.BroadcastRegistry;
import io.orderstream.watch.Face;
import io.orderstream.watch.Watch;

import io.helidon.http.Headers;
import io.helidon.http.HttpPrologue;

/**
 * WebSocket {@code /api/orders/status/{orderId}[?afterSeq=N]}: one connection per order.
 * Sends {@code connection}, then {@code subscribed} once the watch is in place (its history read,
 * its live events arriving), then one message per event, and closes with 1000 after the terminal
 * event. A watch that cannot start gets the {@code error} message that {@code /ws} would send,
 * then the close: 4404 for an unknown order (or another subject's), 4400 for a malformed id or
 * seq, 4403 for a caller without {@code orders:read}, 1008 for a caller with all the WebSockets it
 * may have open here; an upgrade that does not authenticate is refused (401). One listener per
 * connection: its fields are that connection's state.
 */
final class OrderStatusSocket extends TrackedSocket {
    static final String PATH = "/api/orders/status/";

    private final OrderDesk desk;
    private final BroadcastRegistry registry;
    private final Backlog backlog;
    private final Authenticator authenticator;
    private Caller caller;
    private String orderId;
    private String afterSeq;
    private volatile Watch watch;

    OrderStatusSocket(OrderDesk desk, BroadcastRegistry registry, WsSessions sessions, Backlog backlog,
                      Authenticator authenticator, Limits limits) {
        super(sessions, false, limits);
        this.desk = desk;
        this.registry = registry;
        this.backlog = backlog;
        this.authenticator = authenticator;
    }

    @Override
    public Optional<Headers> onHttpUpgrade(HttpPrologue prologue, Headers headers) {
        caller = WsAuthentication.require(authenticator, prologue.query(), headers);
        String path = prologue.uriPath().path();
        orderId = path.substring(Math.min(path.length(), PATH.length()));
        afterSeq = prologue.query().contains("afterSeq") ? prologue.query().get("afterSeq") : "0";
        return Optional.empty();
    }

    @Override
    void opened(SessionWriter out) {
        try {
            out.send(WsMessages.connection(orderId));
            if (admit(out, caller) == null) {
                return;
            }
            long after = parseSeq(afterSeq);
            Order order = desk.watchable(caller, orderId, after);
            // The sink sends "subscribed" once the watch is in place: a client that reads it and
            // then asks for the order's status cannot learn of an end its socket has yet to show.
            watch = registry.watch(order, after, Face.ORDER_SOCKET, new SocketWatchSink(out, order.id(), after),
                                   backlog);
            if (out.isClosed()) {
                // The client left while the watch was starting; leave() found no watch to cancel.
                watch.cancel();
            }
        } catch (SessionClosedException e) {
            // The client left before its watch started; leave() ends anything started.
            leave();
        } catch (RuntimeException e) {
            WsErrors.Refusal refusal = WsErrors.refusal(e, orderId);
            try {
                // As a message too, as /ws tells it: a client that reads only messages learns why,
                // not only that the socket closed.
                out.send(WsMessages.error(orderId.isEmpty() ? null : orderId, refusal.errorCode(),
                                          refusal.message()));
            } catch (SessionClosedException gone) {
                // The client left already; the close below does nothing.
            } finally {
                out.close(refusal.closeCode(), refusal.message());
            }
        }
    }

    @Override
    void received(SessionWriter out, String message) {
        // This endpoint streams one order; the only thing a client may ask is a ping.
        if ("ping".equals(WsMessages.op(message))) {
            out.send(WsMessages.pong());
        } else {
            out.send(WsMessages.error(null, "unknown-op", "This endpoint takes only {\"op\":\"ping\"}; "
                    + "watch many orders on /ws"));
        }
    }

    @Override
    void leave() {
        Watch current = watch;
        if (current != null) {
            current.cancel();
        }
    }

    static long parseSeq(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new InvalidRequestException("afterSeq", "must be a whole number, got '" + value + "'");
        }
    }
}
