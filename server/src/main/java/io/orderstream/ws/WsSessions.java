package io.orderstream.ws;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The open WebSocket sessions of this gateway, kept alive and counted.
 * <p>
 * Every {@code interval} each session is pinged; one that has shown no sign of life (a pong or
 * a message) for two intervals is dropped and its cleanup runs. This also catches sessions that
 * the server closed without telling their listener (Helidon closes an oversized frame with 1009
 * and skips {@code onClose}), so no session outlives its connection.
 * The map of sessions is owned by this class; each entry is removed exactly once.
 */
public final class WsSessions implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(WsSessions.class.getName());

    private static final String RESTART_REASON = "Server is restarting; reconnect with your last seq";

    private final Map<SessionWriter, Live> sessions = new ConcurrentHashMap<>();
    // Set when close() begins, before it reads the set: a session added after that read sees it.
    private volatile boolean closing;
    private final Duration interval;
    private final ScheduledExecutorService pinger;

    /**
     * Creates the session set and starts its keep-alive.
     *
     * @param interval how often idle sessions are pinged
     */
    public WsSessions(Duration interval) {
        this.interval = interval;
        this.pinger = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("ws-keepalive").daemon()
                                                                          .factory());
        pinger.scheduleAtFixedRate(this::pingAll, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Sessions open now, by endpoint.
     *
     * @param multi true for {@code /ws}, false for {@code /api/orders/status/{id}}
     * @return count
     */
    public int count(boolean multi) {
        return (int) sessions.values().stream().filter(live -> live.multi == multi).count();
    }

    /**
     * Adds a session that just opened.
     *
     * @param writer  the session
     * @param multi   true for {@code /ws}
     * @param cleanup run once when the session ends, however it ends
     * @return false when the session is already over: the gateway began to drain as it opened
     *         and it was told to reconnect (1012), or it closed meanwhile; send it nothing
     */
    boolean opened(SessionWriter writer, boolean multi, Runnable cleanup) {
        sessions.put(writer, new Live(multi));
        // Whichever side closes, the session leaves the set and its watches end, exactly once.
        Runnable leave = () -> {
            if (sessions.remove(writer) != null) {
                cleanup.run();
            }
        };
        writer.whenClosed(leave);
        if (closing) {
            // Upgraded just before the drain refused upgrades, added just after close() told every
            // session: without this it would be dropped with the listener (1006), not told.
            tellToReconnect(writer);
        }
        if (writer.isClosed()) {
            // Closed before its clean-up was in place.
            leave.run();
            return false;
        }
        return true;
    }

    /** A pong or a message came: the peer is alive. */
    void alive(SessionWriter writer) {
        Live live = sessions.get(writer);
        if (live != null) {
            live.lastSeen = System.nanoTime();
        }
    }

    /** The session ended; its cleanup runs once, whoever noticed first. */
    void closed(SessionWriter writer) {
        writer.markClosed();
    }

    private void pingAll() {
        long deadline = System.nanoTime() - 2 * interval.toNanos();
        sessions.forEach((writer, live) -> Thread.ofVirtual().name("ws-ping").start(() -> {
            if (live.lastSeen < deadline) {
                LOG.fine("Dropping a WebSocket session that stopped answering pings");
                writer.terminate();
                return;
            }
            try {
                writer.ping();
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "Ping failed; dropping the session", e);
                closed(writer);
            }
        }));
    }

    /** Stops the keep-alive and closes every session with 1012: reconnect and resume by seq. */
    @Override
    public void close() {
        closing = true;
        pinger.shutdownNow();
        // Each close on its own thread: a close frame to a client that stopped reading would wait
        // forever behind its unread data. Those still waiting after a second are dropped.
        List<Thread> telling = new ArrayList<>();
        for (SessionWriter writer : List.copyOf(sessions.keySet())) {
            telling.add(Thread.ofVirtual().name("ws-close").start(() -> tellToReconnect(writer)));
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(1).toNanos();
        try {
            for (Thread thread : telling) {
                thread.join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sessions.keySet().forEach(SessionWriter::terminate);
    }

    private void tellToReconnect(SessionWriter writer) {
        try {
            writer.close(CloseCodes.SERVICE_RESTART, RESTART_REASON);
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "Close at shutdown failed", e);
            closed(writer);
        }
    }

    private static final class Live {
        private final boolean multi;
        private volatile long lastSeen = System.nanoTime();

        private Live(boolean multi) {
            this.multi = multi;
        }
    }
}
