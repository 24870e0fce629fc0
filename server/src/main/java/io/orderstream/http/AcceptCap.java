package io.orderstream.http;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketOption;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

import io.orderstream.net.Tally;

import io.helidon.common.socket.SocketOptions;
import io.helidon.webserver.ListenerConfig;

/**
 * The connection cap of the Helidon port ({@code server.max-tcp-connections}): at most that many
 * connections are open at once, and one accepted past it is closed at once with a reset, so its
 * client learns it straight away while the open ones go on being served.
 * <p>
 * Helidon 4.5.0 enforces that key by not calling {@code accept} past it: connections then wait
 * unserved in the kernel's backlog for as long as the open ones stay, and their clients hang.
 * Once installed on the listener's builder, this class takes the key over: Helidon's own limit is
 * lifted, and the check runs where Helidon applies the connection socket options to each
 * accepted socket, on the listener thread before any handler starts. Helidon closes a socket
 * whose options fail (logged at TRACE) and goes on accepting.
 * <p>
 * Helidon offers no hook when a connection ends, so the open connections are kept as their
 * channels and counted again, dropping the closed ones, when the cap seems reached.
 */
public final class AcceptCap {
    private static final Logger LOG = Logger.getLogger(AcceptCap.class.getName());
    // A flood at the cap must not recount thousands of channels per accept: once per this at most.
    private static final long RECOUNT_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private final Set<SocketChannel> open = ConcurrentHashMap.newKeySet();
    private final Tally refusals;
    private volatile int max = -1;
    private long nextRecount = System.nanoTime();

    /** Creates a cap; {@link #install} reads its size from the listener's configuration. */
    public AcceptCap() {
        this.refusals = new Tally(LOG, "connection(s) to the HTTP port closed at once: the port had "
                + "server.max-tcp-connections open", Duration.ofSeconds(10));
    }

    /**
     * Takes over the builder's {@code max-tcp-connections} (as configured so far): no limit in
     * Helidon, and this cap on accepted sockets instead. With no limit configured, does nothing.
     * Call it after the builder has read its configuration; it may be installed on the builders
     * of several servers in turn (a restarted listener), which then share the count.
     *
     * @param listener the listener's builder
     */
    public void install(ListenerConfig.BuilderBase<?, ?> listener) {
        max = listener.maxTcpConnections();
        if (max < 0) {
            return;
        }
        listener.maxTcpConnections(-1);
        listener.connectionOptions(new CappedOptions(listener.connectionOptions().orElseGet(SocketOptions::create)));
    }

    /**
     * The cap, once installed.
     *
     * @return most connections open at once, or -1 for no cap
     */
    public int max() {
        return max;
    }

    private synchronized boolean admit(SocketChannel channel) {
        if (open.size() >= max) {
            long now = System.nanoTime();
            if (now - nextRecount < 0) {
                return false;
            }
            nextRecount = now + RECOUNT_NANOS;
            open.removeIf(connection -> !connection.isOpen());
            if (open.size() >= max) {
                return false;
            }
        }
        open.add(channel);
        return true;
    }

    private void refuse(SocketChannel channel) {
        refusals.add();
        try {
            // A reset rather than a FIN: the client knows at once, and the port keeps no TIME_WAIT.
            channel.setOption(StandardSocketOptions.SO_LINGER, 0);
        } catch (IOException | RuntimeException e) {
            // closed anyway, just not with a reset
        }
        throw new CapReachedException();
    }

    /** Helidon's connection options, with the cap applied to every accepted socket first. */
    private final class CappedOptions implements SocketOptions {
        private final SocketOptions options;

        private CappedOptions(SocketOptions options) {
            this.options = options;
        }

        @Override
        public void configureSocket(SocketChannel socket) {
            if (!admit(socket)) {
                refuse(socket);
            }
            options.configureSocket(socket);
        }

        @Override
        public void configureSocket(Socket socket) {
            options.configureSocket(socket);
        }

        @Override
        public Map<SocketOption<?>, Object> socketOptions() {
            return options.socketOptions();
        }

        @Override
        public Duration connectTimeout() {
            return options.connectTimeout();
        }

        @Override
        public Duration readTimeout() {
            return options.readTimeout();
        }

        @Override
        public Optional<Integer> socketReceiveBufferSize() {
            return options.socketReceiveBufferSize();
        }

        @Override
        public Optional<Integer> socketSendBufferSize() {
            return options.socketSendBufferSize();
        }

        @Override
        public boolean socketReuseAddress() {
            return options.socketReuseAddress();
        }

        @Override
        public boolean socketKeepAlive() {
            return options.socketKeepAlive();
        }

        @Override
        public boolean tcpNoDelay() {
            return options.tcpNoDelay();
        }
    }

    /** Makes Helidon close the socket just accepted; thrown often under a flood, so it has no stack trace. */
    private static final class CapReachedException extends RuntimeException {
        private CapReachedException() {
            super("server.max-tcp-connections reached", null, false, false);
        }
    }
}
