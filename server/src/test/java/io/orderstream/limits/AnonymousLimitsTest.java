package io.orderstream.limits;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import io.orderstream.testing.TestGateway;
import io.orderstream.testing.WsRecorder;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/**
 * In {@code none} mode every caller is the same anonymous subject, so limits count per client
 * address. Every address of 127.0.0.0/8 is this machine's: clients that bind 127.0.0.2 and
 * 127.0.0.3 are two callers to a gateway on 127.0.0.1. By default anonymous callers on loopback
 * are not limited at all, as the benchmark and local tools need.
 */
class AnonymousLimitsTest {
    private static final String ORDER = "{\"tokenIn\":\"SOL\",\"tokenOut\":\"USDC\",\"amount\":10,\"slippage\":0.5}";
    private static final Map<String, String> SLOW = Map.of(
            "orderstream.worker.enabled", "false",
            "orderstream.limits.submit.rate", "0.2",
            "orderstream.limits.submit.burst", "2",
            "orderstream.limits.websockets", "1");

    @Test
    void eachAddressHasItsOwnLimitsWhenLoopbackIsNotExempt() throws Exception {
        Map<String, String> config = new HashMap<>(SLOW);
        config.put("orderstream.limits.anonymous.loopback.exempt", "false");
        try (TestGateway gateway = TestGateway.start(config);
             HttpClient first = client("127.0.0.2");
             HttpClient second = client("127.0.0.3")) {
            assertThat(submit(first, gateway), is(200));
            assertThat(submit(first, gateway), is(200));

            assertThat(submit(first, gateway), is(429));
            assertThat("another address is another caller", submit(second, gateway), is(200));

            try (WsRecorder open = WsRecorder.connect(first, gateway.ws() + "/ws")) {
                assertThat(open.next().path("type").asText(), is("connection"));
                // Answered on the connection's thread after its admission: the place is taken now,
                // before the next socket of this address opens (they would race for it otherwise).
                open.send("{\"op\":\"ping\"}");
                assertThat(open.next().path("type").asText(), is("pong"));
                try (WsRecorder refused = WsRecorder.connect(first, gateway.ws() + "/ws");
                     WsRecorder other = WsRecorder.connect(second, gateway.ws() + "/ws")) {
                    assertThat(refused.awaitClose().code(), is(1008));
                    other.send("{\"op\":\"ping\"}");
                    assertThat(other.next().path("type").asText(), is("connection"));
                    assertThat(other.next().path("type").asText(), is("pong"));
                }
            }
        }
    }

    @Test
    void anonymousCallersOnLoopbackAreNotLimitedByDefault() throws Exception {
        try (TestGateway gateway = TestGateway.start(SLOW);
             HttpClient local = client("127.0.0.1")) {
            for (int i = 0; i < 6; i++) {
                assertThat("submit " + i, submit(local, gateway), is(200));
            }
            try (WsRecorder one = WsRecorder.connect(local, gateway.ws() + "/ws");
                 WsRecorder two = WsRecorder.connect(local, gateway.ws() + "/ws")) {
                for (WsRecorder socket : new WsRecorder[] {one, two}) {
                    assertThat(socket.next().path("type").asText(), is("connection"));
                    socket.send("{\"op\":\"ping\"}");
                    assertThat(socket.next().path("type").asText(), is("pong"));
                }
            }
        }
    }

    private static int submit(HttpClient client, TestGateway gateway) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(gateway.http() + "/api/orders/execute"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(ORDER))
                .build();
        return client.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private static HttpClient client(String localAddress) throws Exception {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .localAddress(InetAddress.getByName(localAddress))
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }
}
