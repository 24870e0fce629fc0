package io.orderstream.ws;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

import io.orderstream.json.OrderJson;

import io.helidon.common.buffers.BufferData;
import io.helidon.webserver.spi.ServerConnection;
import io.helidon.websocket.WsSession;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The one way out of a WebSocket session: every send, ping and close goes through here, one at
 * a time, because a session must not write two frames at once while several watches (on
 * {@code /ws}) and the keep-alive share it. One per connection, so its closed flag is a field set
 * through an updater rather than an atomic object.
 */
final class SessionWriter {
    // A close frame's reason may hold at most 123 bytes of UTF-8.
    private static final int MAX_REASON_BYTES = 123;
    private static final AtomicIntegerFieldUpdater<SessionWriter> CLOSED = AtomicIntegerFieldUpdater.newUpdater(
            SessionWriter.class, "closed");

    private final WsSession session;
    private final ReentrantLock lock = new ReentrantLock();
    // 0, then 1 once closed from either side.
    private volatile int closed;
    private volatile Runnable whenClosed = () -> { };

    SessionWriter(WsSession session) {
        this.session = session;
    }

    /**
     * Sends one JSON message; blocks while the connection is full.
     *
     * @throws SessionClosedException when the session is closed
     */
    void send(JsonNode message) {
        sendText(OrderJson.text(message));
    }

    /**
     * Sends one message already written as JSON text; blocks while the connection is full.
     *
     * @throws SessionClosedException when the session is closed
     */
    void sendText(String message) {
        lock.lock();
        try {
            if (closed != 0) {
                throw new SessionClosedException();
            }
            session.send(message, true);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Sends one message already written as JSON text if {@code condition} still holds once this
     * session's lock is held.
     *
     * @throws SessionClosedException when the session is closed
     */
    void sendTextIf(BooleanSupplier condition, String message) {
        lock.lock();
        try {
            if (closed != 0) {
                throw new SessionClosedException();
            }
            if (condition.getAsBoolean()) {
                session.send(message, true);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Sends a ping; a failure means the peer is gone. */
    void ping() {
        lock.lock();
        try {
            if (closed == 0) {
                session.ping(BufferData.empty());
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Runs once when the session closes, from either side.
     *
     * @param action clean-up
     */
    void whenClosed(Runnable action) {
        whenClosed = action;
    }

    /** Closes the session once, with a code and a reason the client can read. */
    void close(int code, String reason) {
        if (!CLOSED.compareAndSet(this, 0, 1)) {
            return;
        }
        try {
            lock.lock();
            try {
                session.close(code, truncate(reason));
            } finally {
                lock.unlock();
            }
        } finally {
            whenClosed.run();
        }
    }

    /**
     * Drops the connection without a close frame, for a peer that no longer answers: a close
     * frame could wait forever behind data the peer does not read.
     */
    void terminate() {
        // The connection goes first: a watch blocked writing to it is freed before the clean-up
        // (which may wait for that watch) runs.
        boolean first = CLOSED.compareAndSet(this, 0, 1);
        if (session instanceof ServerConnection connection) {
            // Interrupts the connection's thread, which closes its socket.
            connection.close(true);
        }
        if (first) {
            whenClosed.run();
        }
    }

    boolean isClosed() {
        return closed != 0;
    }

    /** The session is over (the peer closed, or the connection failed): write nothing more. */
    void markClosed() {
        if (CLOSED.compareAndSet(this, 0, 1)) {
            whenClosed.run();
        }
    }

    private static String truncate(String reason) {
        byte[] bytes = reason.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= MAX_REASON_BYTES) {
            return reason;
        }
        String cut = new String(bytes, 0, MAX_REASON_BYTES - 3, StandardCharsets.UTF_8);
        // A multi-byte character cut in half decodes to U+FFFD: drop it.
        return cut.replaceAll("\uFFFD$", "") + "...";
    }
}
