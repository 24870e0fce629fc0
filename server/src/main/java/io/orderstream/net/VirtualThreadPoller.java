package io.orderstream.net;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;

/**
 * Makes the JDK set up its I/O poller for virtual threads at start. The JDK sets it up the first
 * time a virtual thread waits on a socket, and that needs file descriptors. If that first time
 * comes while a flood holds every descriptor, the poller's class fails to initialize and stays
 * failed for the life of the process: from then on every virtual thread that waits on a socket
 * fails, so Helidon closes each new connection at once, without a log line, long after the
 * flood has gone (seen on JDK 25 with a gateway whose first HTTP request came during a flood of
 * the gRPC port). One wait here, while descriptors are plentiful, takes that moment away.
 */
public final class VirtualThreadPoller {
    private static final int WAIT_MILLIS = 10;

    private VirtualThreadPoller() {
    }

    /** Waits once on a loopback socket from a virtual thread, so the poller exists from now on. */
    public static void startNow() {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (ServerSocket server = new ServerSocket(0, 1, loopback);
             Socket client = new Socket(loopback, server.getLocalPort());
             Socket accepted = server.accept()) {
            // Nothing is ever sent: the read waits (through the poller) until its timeout.
            accepted.setSoTimeout(WAIT_MILLIS);
            Thread reader = Thread.ofVirtual().name("poller-start").start(() -> {
                try {
                    accepted.getInputStream().read();
                } catch (SocketTimeoutException expected) {
                    // the wait it was for
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            reader.join();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open a loopback socket at start", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
