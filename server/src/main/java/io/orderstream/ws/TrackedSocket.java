package io.orderstream.ws;

import java.net.SocketAddress;

import io.orderstream.desk.Caller;
import io.orderstream.error.RateLimitedException;
import io.orderstream.limits.LimitedFace;
import io.orderstream.limits.Limits;
import io.orderstream.limits.QuotaKey;
import io.orderstream.limits.Slot;

import io.helidon.common.buffers.BufferData;
import io.helidon.websocket.WsListener;
import io.helidon.websocket.WsSession;

/**
 * What both WebSocket endpoints do with their connection: register it with the live session
 * set (keep-alive, counts, exactly-once clean-up), count it against its caller's WebSockets once
 * the caller is known, note every sign of life, and join fragmented text into whole messages of
 * bounded size. One instance per connection.
 */
abstract class TrackedSocket implements WsListener {
    /** Client messages are a few hundred bytes; anything this long is not one of ours. */
    private static final int MAX_MESSAGE_CHARS = 16 * 1024;
    private static final int MESSAGE_TOO_BIG = 1009;

    private final WsSessions sessions;
    private final boolean multi;
    private final Limits limits;
    // The start of a fragmented message, on the connection's own thread; most messages come
    // whole, and an idle connection holds none.
    private StringBuilder partial;
    private volatile SessionWriter writer;
    private volatile SocketAddress remote;
    // Taken by admit() on the connection's thread; given back by the clean-up, whichever thread runs it.
    private volatile Slot connection = Slot.NONE;

    TrackedSocket(WsSessions sessions, boolean multi, Limits limits) {
        this.sessions = sessions;
        this.multi = multi;
        this.limits = limits;
    }

    /** This connection's writer, once open. */
    final SessionWriter writer() {
        return writer;
    }

    /** The connection is open and registered; greet the client. */
    abstract void opened(SessionWriter out);

    /** One whole text message from the client. */
    abstract void received(SessionWriter out, String message);

    /** The connection is gone, however it went: end every watch it carries. */
    abstract void leave();

    /**
     * Counts this connection against its caller's WebSockets on this gateway, until it is gone.
     * Past the cap the client is told why and the connection is closed with 1008.
     *
     * @param out    this connection
     * @param caller who it turned out to be
     * @return whom the caller's limits count against, or null when the connection was refused
     */
    final QuotaKey admit(SessionWriter out, Caller caller) {
        QuotaKey key = limits.key(caller, remote);
        try {
            connection = limits.webSocket(key, multi ? LimitedFace.MULTI_SOCKET : LimitedFace.ORDER_SOCKET);
        } catch (RateLimitedException e) {
            WsErrors.Refusal refusal = WsErrors.refusal(e, null);
            try {
                out.send(WsMessages.error(null, refusal.errorCode(), refusal.message()));
            } catch (SessionClosedException gone) {
                // The client left already; the close below does nothing.
            } finally {
                out.close(refusal.closeCode(), refusal.message());
            }
            return null;
        }
        if (out.isClosed()) {
            // Gone meanwhile: its clean-up may have run before the place was taken.
            connection.close();
        }
        return key;
    }

    @Override
    public final void onOpen(WsSession session) {
        SessionWriter out = new SessionWriter(session);
        writer = out;
        remote = session.socketContext().remotePeer().address();
        boolean open = sessions.opened(out, multi, () -> {
            try {
                leave();
            } finally {
                connection.close();
            }
        });
        if (open) {
            opened(out);
        }
    }

    @Override
    public final void onMessage(WsSession session, String text, boolean last) {
        SessionWriter out = writer;
        sessions.alive(out);
        // Frames of one message arrive one after another on the connection's own thread.
        int length = (partial == null ? 0 : partial.length()) + text.length();
        if (length > MAX_MESSAGE_CHARS) {
            partial = null;
            out.close(MESSAGE_TOO_BIG, "Messages are limited to " + MAX_MESSAGE_CHARS + " characters");
            return;
        }
        if (!last) {
            partial = (partial == null ? new StringBuilder() : partial).append(text);
            return;
        }
        String message = partial == null ? text : partial.append(text).toString();
        partial = null;
        if (out.isClosed()) {
            return;
        }
        try {
            received(out, message);
        } catch (SessionClosedException e) {
            // Closed while this message was handled (cut off as too slow, say): it keeps its
            // close code; there is no one left to answer.
        }
    }

    @Override
    public final void onPong(WsSession session, BufferData buffer) {
        sessions.alive(writer);
    }

    @Override
    public final void onClose(WsSession session, int status, String reason) {
        sessions.closed(writer);
    }

    @Override
    public final void onError(WsSession session, Throwable t) {
        sessions.closed(writer);
    }
}
