package io.orderstream.abuse;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.orderstream.testing.LogCapture;
import io.orderstream.testing.RestClient;
import io.orderstream.testing.TestGateway;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

/**
 * Clients that leave mid-request are their own business: 20,000 of them must add less than
 * 100 KB of log, so each may cost 5 bytes on average, and never a stack trace.
 */
class BrokenConnectionLogTest {
    private static final int CONNECTIONS = 2_000;
    private static final long BYTES_PER_CONNECTION = 100 * 1024 / 20_000;

    @ParameterizedTest
    @ValueSource(strings = {
            "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Half: sen",
            "GET /hea",
            "POST /api/orders HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"tok",
            "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n\u0000\u0000"})
    void brokenConnectionsCostAlmostNoLog(String halfRequest) throws Exception {
        try (TestGateway gateway = TestGateway.start(); LogCapture log = LogCapture.start()) {
            long before = log.bytes();
            breakConnections(gateway.port(), halfRequest, CONNECTIONS, false);
            breakConnections(gateway.port(), halfRequest, CONNECTIONS / 10, true);
            // the server notices a close asynchronously; a healthy answer after is when it has
            awaitQuiet(log);
            long added = log.bytes() - before;
            assertThat(String.join("", log.records()), added,
                       lessThan(BYTES_PER_CONNECTION * (CONNECTIONS + CONNECTIONS / 10)));
            assertThat(String.join("", log.records()), not(containsString("\tat ")));
            assertThat(new RestClient(gateway.http()).get("/health").status(), is(200));
        }
    }

    private static void awaitQuiet(LogCapture log) throws InterruptedException {
        long last = -1;
        for (int i = 0; i < 50 && last != log.bytes(); i++) {
            last = log.bytes();
            Thread.sleep(200);
        }
    }

    /**
     * Opens {@code count} connections, a few at a time, sends half a request on each and leaves:
     * with a FIN, or with a reset when {@code reset}.
     */
    private static void breakConnections(int port, String halfRequest, int count, boolean reset) throws Exception {
        byte[] bytes = halfRequest.getBytes(StandardCharsets.ISO_8859_1);
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                done.add(pool.submit(() -> {
                    breakOne(port, bytes, reset);
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(30, TimeUnit.SECONDS);
            }
        }
    }

    private static void breakOne(int port, byte[] bytes, boolean reset) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            OutputStream out = socket.getOutputStream();
            out.write(bytes);
            out.flush();
            if (reset) {
                socket.setSoLinger(true, 0);
            }
        }
    }
}
