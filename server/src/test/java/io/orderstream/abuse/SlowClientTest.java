package io.orderstream.abuse;

import java.time.Duration;
import java.util.Map;

import io.orderstream.testing.RawHttp;
import io.orderstream.testing.RestClient;
import io.orderstream.testing.TestGateway;
import io.orderstream.testing.WsRecorder;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;

/**
 * A client that starts a request and never finishes it loses its connection after the request
 * time limit (1 s here), while a WebSocket, which has no request left to finish, stays open.
 */
class SlowClientTest {
    private static final Duration LIMIT = Duration.ofSeconds(1);
    // longer than the limit plus the timer's slack, so a close can be told from a read timeout
    private static final Duration WAIT = Duration.ofSeconds(8);

    private static TestGateway gateway;

    @BeforeAll
    static void start() {
        gateway = TestGateway.start(Map.of("orderstream.http.request.timeout.seconds", "1"));
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "GET /health HTTP/1.1\r\nHost: x\r\nX-Unfinished: ",
            "POST /api/orders HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"to",
            "POST /api/orders HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n5\r\n{\"tok"})
    void unfinishedRequestIsClosedWithinSeconds(String request) throws Exception {
        long start = System.nanoTime();
        RawHttp.Answer answer = RawHttp.exchange(gateway.port(), request, WAIT);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(answer.text(), answer.closed(), is(true));
        assertThat(took, lessThan(LIMIT.multipliedBy(4)));
        assertThat(new RestClient(gateway.http()).get("/health").status(), is(200));
    }

    @Test
    void webSocketOutlivesTheRequestLimit() throws Exception {
        try (WsRecorder socket = WsRecorder.connect(new RestClient(gateway.http()).http(), gateway.ws() + "/ws")) {
            assertThat(socket.next().get("type").asText(), is("connection"));
            Thread.sleep(LIMIT.multipliedBy(3).toMillis());
            socket.send("{\"op\":\"ping\"}");
            assertThat(socket.next().get("type").asText(), is("pong"));
            assertThat(socket.isClosed(), is(false));
        }
    }

    @Test
    void keptAliveConnectionServesRequestAfterRequest() throws Exception {
        RestClient rest = new RestClient(gateway.http());
        for (int i = 0; i < 3; i++) {
            assertThat(rest.get("/health").status(), is(200));
            Thread.sleep(LIMIT.toMillis());
        }
    }
}
