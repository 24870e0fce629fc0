package io.orderstream.server;

import io.orderstream.testing.RestClient;
import io.orderstream.testing.TestGateway;
import io.orderstream.testing.WsRecorder;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

/**
 * {@code /health}, {@code /observe/health} and {@code /observe/metrics} answer, and the live
 * counts show in both the health JSON and the Prometheus metrics.
 */
class ObservabilityTest {
    @Test
    void healthAndMetricsShowTheLiveCounts() throws Exception {
        try (TestGateway gateway = TestGateway.start()) {
            RestClient rest = new RestClient(gateway.http());
            try (WsRecorder ws = WsRecorder.connect(rest.http(), gateway.ws() + "/ws")) {
                ws.next();
                RestClient.Reply health = rest.get("/health");
                assertThat(health.status(), is(200));
                assertThat(health.body().get("status").asText(), is("ok"));
                assertThat(health.body().get("connections").get("multiSockets").asInt(), is(1));
                assertThat(health.body().get("orders").get("queued").asInt(), is(0));

                RestClient.Reply metrics = rest.get("/observe/metrics");
                assertThat(metrics.status(), is(200));
                assertThat(metrics.text(), containsString("orderstream_websocket_sessions{endpoint=\"multi\""));
                assertThat(metrics.text(), containsString("orderstream_watches{face=\"grpc\""));
            }
            RestClient.Reply observe = rest.get("/observe/health");
            assertThat(observe.status(), is(200));
            assertThat(observe.body().get("status").asText(), is("UP"));
        }
    }
}
