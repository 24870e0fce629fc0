package io.orderstream.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback TCP proxy that can stop reading from the server, as a client whose application
 * stops reading does once its buffers are full: the server's writes then block. Every socket
 * it opens is closed by {@link #close()}.
 */
public final class StallingProxy implements AutoCloseable {
    private static final int SMALL_BUFFER = 4096;

    private final ServerSocket listener;
    private final int upstreamPort;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final Object gate = new Object();
    private volatile boolean stalled;
    private volatile boolean closed;

    /**
     * Starts a proxy to a local port.
     *
     * @param upstreamPort the server's port on 127.0.0.1
     */
    public StallingProxy(int upstreamPort) throws IOException {
        this.upstreamPort = upstreamPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("proxy-accept").start(this::accept);
    }

    /**
     * The proxy's own port.
     *
     * @return port on 127.0.0.1
     */
    public int port() {
        return listener.getLocalPort();
    }

    /** Stops reading what the server sends. */
    public void stall() {
        stalled = true;
    }

    /** Reads and forwards again. */
    public void resume() {
        synchronized (gate) {
            stalled = false;
            gate.notifyAll();
        }
    }

    private void accept() {
        while (!closed) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket();
                // Small buffers: a stall fills them after a few kilobytes, not megabytes.
                server.setReceiveBufferSize(SMALL_BUFFER);
                server.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), upstreamPort));
                sockets.add(client);
                sockets.add(server);
                Thread.ofVirtual().start(() -> pump(client, server, false));
                Thread.ofVirtual().start(() -> pump(server, client, true));
            } catch (IOException e) {
                if (!closed) {
                    throw new IllegalStateException("Proxy accept failed", e);
                }
            }
        }
    }

    private void pump(Socket from, Socket to, boolean fromServer) {
        byte[] buffer = new byte[1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            while (true) {
                if (fromServer) {
                    awaitNotStalled();
                }
                int read = in.read(buffer);
                if (read < 0) {
                    return;
                }
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException | InterruptedException e) {
            // One side went away: the other is closed with it, as a real network path would.
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private void awaitNotStalled() throws InterruptedException {
        synchronized (gate) {
            while (stalled && !closed) {
                gate.wait();
            }
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        resume();
        listener.close();
        sockets.forEach(StallingProxy::closeQuietly);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // Already closed by the peer; nothing is left to release.
        }
    }
}
