package io.orderstream.abuse;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.orderstream.testing.TestGateway;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

/**
 * At the connection cap, connections past it are not served (they wait in the accept backlog,
 * holding no descriptor) while those inside it are; once clients leave, waiting and new ones are
 * served.
 */
class ConnectionCapTest {
    private static final int CAP = 5;
    private static final int EXTRA = 3;
    private static final String REQUEST = "GET /health HTTP/1.1\r\nHost: x\r\n\r\n";

    @Test
    void connectionsPastTheCapWaitUntilOthersLeave() throws Exception {
        try (TestGateway gateway = TestGateway.start(Map.of("server.max-tcp-connections", String.valueOf(CAP)))) {
            List<Socket> held = new ArrayList<>();
            List<Socket> extra = new ArrayList<>();
            try {
                for (int i = 0; i < CAP; i++) {
                    Socket socket = connect(gateway.port());
                    held.add(socket);
                    assertThat(exchange(socket, 5000), startsWith("HTTP/1.1 200"));
                }
                for (int i = 0; i < EXTRA; i++) {
                    Socket socket = connect(gateway.port());
                    extra.add(socket);
                    socket.getOutputStream().write(REQUEST.getBytes(StandardCharsets.US_ASCII));
                }
                for (Socket socket : extra) {
                    assertThat("served past the cap", read(socket, 1000), is(""));
                }
                // those inside the cap are still served
                for (Socket socket : held) {
                    assertThat(exchange(socket, 5000), startsWith("HTTP/1.1 200"));
                }
                for (Socket socket : held) {
                    socket.close();
                }
                // each slot freed goes to a waiting connection, whose request is then answered
                for (Socket socket : extra) {
                    assertThat(read(socket, 10_000), startsWith("HTTP/1.1 200"));
                }
            } finally {
                for (Socket socket : held) {
                    socket.close();
                }
                for (Socket socket : extra) {
                    socket.close();
                }
            }
            // new clients, more of them than the cap, one after another
            for (int i = 0; i < CAP + EXTRA; i++) {
                try (Socket socket = connect(gateway.port())) {
                    assertThat(exchange(socket, 5000), startsWith("HTTP/1.1 200"));
                }
            }
        }
    }

    private static Socket connect(int port) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        return socket;
    }

    private static String exchange(Socket socket, int timeoutMillis) throws IOException {
        socket.getOutputStream().write(REQUEST.getBytes(StandardCharsets.US_ASCII));
        return read(socket, timeoutMillis);
    }

    /** Reads one small response: whatever arrives before the stream pauses, or "" if nothing does. */
    private static String read(Socket socket, int timeoutMillis) throws IOException {
        socket.setSoTimeout(timeoutMillis);
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[4096];
        try {
            int n = in.read(buffer);
            return n < 0 ? "" : new String(buffer, 0, n, StandardCharsets.ISO_8859_1);
        } catch (SocketTimeoutException e) {
            return "";
        }
    }
}
