package io.orderstream.http;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;
import java.util.function.Supplier;
import java.util.logging.Logger;

import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;

/**
 * Keeps the Helidon port listening. When {@code accept} fails (no file descriptor left, say),
 * Helidon 4.5.0's listener ends for good: it logs "this server socket is terminating now",
 * closes its server socket and every connection it serves, and its thread then waits forever on
 * its own end; the {@link WebServer} still says it is running, and nothing in Helidon starts it
 * again (docs/CLIENTS.md has the details and a reproducer).
 * <p>
 * A thread of its own looks every {@code period} whether the port is still held, by trying to
 * bind it: while Helidon listens that fails. When the bind succeeds, the listener has gone: the
 * supervisor logs a WARNING, stops that server and starts a new one from the same configuration
 * on the same port. While descriptors are short the check cannot tell and looks again later.
 * A listener that dies again within a minute of its restart waits longer for the next one,
 * doubling up to {@link #LONGEST_WAIT}, because each death leaves Helidon's parked listener
 * thread behind.
 */
public final class ListenerSupervisor implements AutoCloseable {
    /** Longest wait before restarting a listener that keeps dying. */
    static final Duration LONGEST_WAIT = Duration.ofSeconds(30);
    private static final Duration STABLE = Duration.ofMinutes(1);
    private static final Logger LOG = Logger.getLogger(ListenerSupervisor.class.getName());

    private final Supplier<WebServerConfig.Builder> servers;
    private final InetSocketAddress address;
    private final Duration period;
    private final Thread watcher;
    private volatile WebServer server;
    private volatile boolean closed;

    private ListenerSupervisor(Supplier<WebServerConfig.Builder> servers, WebServer server, Duration period) {
        this.servers = servers;
        this.server = server;
        this.period = period;
        this.address = new InetSocketAddress(server.prototype().address(), server.port());
        this.watcher = Thread.ofPlatform().daemon().name("http-listener-watch").unstarted(this::watch);
    }

    /**
     * Starts a server and watches its listener.
     *
     * @param servers a new builder of the server each time it is called, configured alike
     * @param period  time between two checks of the listener
     * @return the supervisor of the running server
     * @throws IllegalStateException if the server cannot start (its port is taken, say)
     */
    public static ListenerSupervisor start(Supplier<WebServerConfig.Builder> servers, Duration period) {
        WebServer first = servers.get().build().start();
        if (!first.isRunning()) {
            // Helidon logs why and returns a stopped server rather than throwing.
            throw new IllegalStateException("The HTTP server did not start; its log says why");
        }
        ListenerSupervisor supervisor = new ListenerSupervisor(servers, first, period);
        supervisor.watcher.start();
        return supervisor;
    }

    /**
     * The port, the same across restarts.
     *
     * @return port
     */
    public int port() {
        return address.getPort();
    }

    /**
     * The server now serving the port.
     *
     * @return server
     */
    public WebServer server() {
        return server;
    }

    /** Stops watching, then stops the server. */
    @Override
    public void close() {
        closed = true;
        watcher.interrupt();
        try {
            watcher.join(LONGEST_WAIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server.stop();
    }

    private void watch() {
        int quickDeaths = 0;
        long upSince = System.nanoTime();
        try {
            while (!closed) {
                Thread.sleep(period);
                if (closed || held()) {
                    continue;
                }
                boolean quick = System.nanoTime() - upSince < STABLE.toNanos();
                quickDeaths = quick ? quickDeaths + 1 : 1;
                Duration delay = delayBeforeRestart(quickDeaths);
                LOG.warning(() -> "The HTTP listener on " + address + " has stopped (Helidon ends it, and closes "
                        + "every connection, when accepting fails, e.g. with too many open files); starting it "
                        + "again" + (delay.isZero() ? "" : " in " + delay.toMillis() + " ms"));
                server.stop();
                long downSince = System.nanoTime();
                if (!restart(delay)) {
                    return;
                }
                upSince = System.nanoTime();
                long downMillis = Duration.ofNanos(upSince - downSince).toMillis();
                LOG.warning(() -> "The HTTP listener on " + address + " is listening again, " + downMillis
                        + " ms after it was found stopped");
            }
        } catch (InterruptedException e) {
            // closed
        }
    }

    /** None the first time; then doubling from the check period, for a listener that keeps dying. */
    private Duration delayBeforeRestart(int quickDeaths) {
        if (quickDeaths <= 1) {
            return Duration.ZERO;
        }
        Duration delay = period.multipliedBy(1L << Math.min(quickDeaths - 2, 16));
        return delay.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : delay;
    }

    /**
     * Starts a new server on the port after {@code delay}, then again every period until it
     * listens; false if closed first.
     */
    private boolean restart(Duration delay) throws InterruptedException {
        Thread.sleep(delay);
        while (!closed) {
            // Helidon is asked only once the port can be bound: while descriptors are short, each
            // failed start would log a stack trace.
            if (!held()) {
                try {
                    WebServer fresh = servers.get().port(address.getPort()).build().start();
                    if (fresh.isRunning()) {
                        server = fresh;
                        return true;
                    }
                } catch (RuntimeException | LinkageError e) {
                    // A class first needed now may have failed to load while descriptors were
                    // short: this thread must go on trying, whatever one attempt threw.
                    LOG.warning(() -> "Starting the HTTP listener on " + address + " again failed (" + e
                            + "); trying again in " + period.toMillis() + " ms");
                }
            }
            Thread.sleep(period);
        }
        return false;
    }

    /**
     * Whether something listens on the address: binding it fails. A failure for another reason
     * (no descriptor left to try with) counts as held, to be looked at again later.
     */
    private boolean held() {
        try (ServerSocketChannel probe = ServerSocketChannel.open()) {
            // Connections the old listener left in TIME_WAIT must not look like a listener.
            probe.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            probe.bind(address);
            return false;
        } catch (IOException e) {
            return true;
        }
    }
}
