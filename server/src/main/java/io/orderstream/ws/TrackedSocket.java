package io.orderstream.ws;

import io.helidon.common.buffers.BufferData;
import io.helidon.websocket.WsListener;
import io.helidon.websocket.WsSession;

/**
 * What both WebSocket endpoints do with their connection: register it with the live session
 * set (keep-alive, counts, exactly-once clean-up), note every sign of life, and join fragmented
 * text into whole messages of bounded size. One instance per connection.
 */
abstract class TrackedSocket implements WsListener {
    /** Client messages are a few hundred bytes; anything this long is not one of ours. */
    private static final int MAX_MESSAGE_CHARS = 16 * 1024;
    private static final int MESSAGE_TOO_BIG = 1009;

    private final WsSessions sessions;
    private final boolean multi;
    private final StringBuilder partial = new StringBuilder();
    private volatile SessionWriter writer;

    TrackedSocket(WsSessions sessions, boolean multi) {
        this.sessions = sessions;
        this.multi = multi;
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

    @Override
    public final void onOpen(WsSession session) {
        SessionWriter out = new SessionWriter(session);
        writer = out;
        sessions.opened(out, multi, this::leave);
        opened(out);
    }

    @Override
    public final void onMessage(WsSession session, String text, boolean last) {
        SessionWriter out = writer;
        sessions.alive(out);
        // Frames of one message arrive one after another on the connection's own thread.
        partial.append(text);
        if (partial.length() > MAX_MESSAGE_CHARS) {
            partial.setLength(0);
            out.close(MESSAGE_TOO_BIG, "Messages are limited to " + MAX_MESSAGE_CHARS + " characters");
            return;
        }
        if (last) {
            String message = partial.toString();
            partial.setLength(0);
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
