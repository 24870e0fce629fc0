package io.orderstream.net;

import java.io.FileInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A process that takes every file descriptor it has left, then lets a virtual thread wait on a
 * socket made before, and prints what came of the wait ({@code waited} when it timed out as it
 * should): once while no descriptor is left, and once after they are given back. With
 * {@code POLLER_PROBE=started} in its environment it calls {@link VirtualThreadPoller#startNow()} first.
 */
public final class PollerProbe {
    private PollerProbe() {
    }

    /**
     * Runs the probe.
     *
     * @param args ignored
     * @throws Exception if the sockets cannot be made
     */
    public static void main(String[] args) throws Exception {
        if ("started".equals(System.getenv("POLLER_PROBE"))) {
            VirtualThreadPoller.startNow();
        }
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (ServerSocket server = new ServerSocket(0, 1, loopback);
             Socket client = new Socket(loopback, server.getLocalPort());
             Socket accepted = server.accept()) {
            accepted.setSoTimeout(100);
            List<FileInputStream> taken = new ArrayList<>();
            try {
                while (true) {
                    taken.add(new FileInputStream("/dev/null"));
                }
            } catch (IOException e) {
                // none left
            }
            String starved = waitOn(accepted);
            for (FileInputStream file : taken) {
                file.close();
            }
            String after = waitOn(accepted);
            System.out.println("starved=" + starved + " after=" + after);
        }
    }

    private static String waitOn(Socket socket) throws InterruptedException {
        AtomicReference<String> outcome = new AtomicReference<>();
        Thread reader = Thread.ofVirtual().start(() -> {
            try {
                socket.getInputStream().read();
                outcome.set("read");
            } catch (SocketTimeoutException e) {
                outcome.set("waited");
            } catch (Throwable e) {
                outcome.set(e.getClass().getSimpleName());
            }
        });
        reader.join();
        return outcome.get();
    }
}
