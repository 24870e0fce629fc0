package io.orderstream.watch;

import java.time.Duration;
import java.util.Map;

import io.orderstream.testing.RawHttp;
import io.orderstream.testing.TestGateway;
import io.orderstream.testing.FreePorts;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

/**
 * A browser page may open the gateway's WebSockets only from an origin the gateway knows: its own
 * console on loopback, its public URL, or an allowed origin. A page whose name was re-pointed at
 * the gateway (DNS rebinding: matching {@code Origin} and {@code Host}) is refused with 403, on
 * both endpoints; clients that send no {@code Origin} are not affected.
 */
class WebSocketOriginTest {
    private static final Duration WAIT = Duration.ofMillis(500);
    private static final String UNKNOWN_ORDER = "/api/orders/status/00000000-0000-4000-8000-000000000000";

    @Test
    void aRebindingPageIsRefusedAndTheConsoleOnLoopbackIsNot() throws Exception {
        try (TestGateway gateway = TestGateway.start(Map.of("orderstream.worker.enabled", "false"))) {
            int port = gateway.port();
            for (String path : new String[] {"/ws", UNKNOWN_ORDER}) {
                RawHttp.Answer refused = upgrade(port, path, "evil.example:" + port, "http://evil.example:" + port);
                assertThat(path, refused.status(), is(403));
                assertThat(refused.text(), containsString("application/problem+json"));
                assertThat(refused.body(), containsString("orderstream.cors.origins"));
            }
            RawHttp.Answer console = upgrade(port, "/ws", "127.0.0.1:" + port, "http://127.0.0.1:" + port);
            assertThat(console.text(), console.status(), is(101));
            assertThat(upgrade(port, "/ws", "localhost:" + port, "http://localhost:" + port).status(), is(101));
            assertThat(upgrade(port, "/ws", "127.0.0.1:" + port, "https://app.example.com").status(), is(403));
            assertThat("no Origin: not a browser", upgrade(port, "/ws", "127.0.0.1:" + port, null).status(), is(101));
        }
    }

    @Test
    void allowedOriginsAndThePublicUrlOpenWebSockets() throws Exception {
        // A fixed port: the console's own loopback origin names it.
        int port = FreePorts.next();
        try (TestGateway gateway = TestGateway.start(Map.of("server.port", String.valueOf(port),
                                                            "orderstream.worker.enabled", "false",
                                                            "orderstream.public.url", "https://orders.example.com",
                                                            "orderstream.cors.origins",
                                                            "https://app.example.com, http://dev.example.com:3000"))) {
            for (String origin : new String[] {"https://app.example.com", "http://dev.example.com:3000",
                                               "https://orders.example.com", "http://127.0.0.1:" + port}) {
                RawHttp.Answer opened = upgrade(port, "/ws", "127.0.0.1:" + port, origin);
                assertThat(origin + ": " + opened.text(), opened.status(), is(101));
            }
            for (String origin : new String[] {"http://dev.example.com:3001", "http://127.0.0.1:" + (port + 1), "null",
                                               "http://evil.example:" + port}) {
                assertThat(origin, upgrade(port, "/ws", "127.0.0.1:" + port, origin).status(), is(403));
            }
            assertThat(upgrade(port, UNKNOWN_ORDER, "evil.example:" + port, "http://evil.example:" + port).status(),
                       is(403));
        }
    }

    private static RawHttp.Answer upgrade(int port, String path, String host, String origin) throws Exception {
        return RawHttp.exchange(port, "GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + (origin == null ? "" : "Origin: " + origin + "\r\n") + "\r\n", WAIT);
    }
}
