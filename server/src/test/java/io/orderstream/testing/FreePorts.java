package io.orderstream.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

/**
 * Loopback ports for servers a test starts in another process, where port 0 cannot be used
 * because the test must know the port before the process binds it.
 *
 * <p>The kernel may hand out a port again as soon as its probe socket is closed, so two probes
 * in a row can return the same port: a gateway told to listen for HTTP and gRPC on one port
 * then fails to start. Every port this class returns is one it has not returned before in this
 * JVM, which also keeps apart the ports of processes started one after the other before any of
 * them has bound.
 */
public final class FreePorts {
    // Guarded by FreePorts.class.
    private static final Set<Integer> HANDED_OUT = new HashSet<>();
    private static final int ATTEMPTS = 100;

    private FreePorts() {
    }

    /**
     * A loopback port free now and not returned before by this class in this JVM.
     *
     * @return the port
     */
    public static synchronized int next() {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int port = probe();
            if (HANDED_OUT.add(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no fresh loopback port after " + ATTEMPTS + " probes");
    }

    private static int probe() {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a loopback socket to find a free port", e);
        }
    }
}
