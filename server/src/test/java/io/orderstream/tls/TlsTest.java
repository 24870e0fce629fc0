package io.orderstream.tls;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.orderstream.proto.v1.OrderServiceGrpc;
import io.orderstream.proto.v1.SubmitOrderRequest;
import io.orderstream.proto.v1.SubmitOrderResponse;
import io.orderstream.testing.GrpcWatcher;
import io.orderstream.testing.LogCapture;
import io.orderstream.testing.RestClient;
import io.orderstream.testing.Steps;
import io.orderstream.testing.TestCertificates;
import io.orderstream.testing.TestGateway;
import io.orderstream.testing.WsRecorder;

import com.fasterxml.jackson.databind.JsonNode;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsChannelCredentials;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A gateway given a certificate and key serves every face over TLS, as clients that trust the
 * certificate reach it: REST over HTTPS (HTTP/1.1, and HTTP/2 chosen by ALPN), both WebSockets
 * over WSS, gRPC on both ports; and a client that speaks plaintext to it is turned away without
 * harm to anyone else.
 */
class TlsTest {
    private static final String ORDER = "{\"tokenIn\":\"SOL\",\"tokenOut\":\"USDC\",\"amount\":10,\"slippage\":0.5}";

    @TempDir
    static Path dir;

    private static TestCertificates.Pem identity;
    private static TestGateway gateway;
    private static RestClient rest;

    @BeforeAll
    static void start() throws IOException {
        identity = TestCertificates.selfSigned(dir, "gateway", "EC");
        // Small real delays so the watchers connect while the order is still running.
        gateway = TestGateway.start(Map.of("orderstream.tls.cert", identity.certificate().toString(),
                                           "orderstream.tls.key", identity.privateKey().toString(),
                                           "orderstream.dex.latency.scale", "0.1"));
        rest = new RestClient(https(), TestCertificates.trusting(identity));
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void restOverHttpsAnswersAWssUrlAndTheOrderStatusSocketFollowsIt() throws Exception {
        RestClient.Reply submitted = rest.postJson("/api/orders/execute", ORDER);
        assertThat(submitted.text(), submitted.status(), is(200));
        String orderId = submitted.body().get("orderId").asText();
        String wsUrl = submitted.body().get("wsUrl").asText();
        assertThat(wsUrl, is("wss://127.0.0.1:" + gateway.port() + "/api/orders/status/" + orderId));

        try (WsRecorder ws = WsRecorder.connect(rest.http(), wsUrl)) {
            assertThat(ws.next().get("type").asText(), is("connection"));
            assertThat(ws.next().get("type").asText(), is("subscribed"));
            List<Steps.Step> steps = new ArrayList<>();
            for (JsonNode event : ws.drainUntilClosed()) {
                steps.add(new Steps.Step(event.get("seq").asLong(), event.get("type").asText(),
                                         event.get("progress").asInt()));
            }
            assertThat(ws.awaitClose().code(), is(1000));
            Steps.assertLife(steps, "confirmed");
        }
        assertThat(rest.get("/api/orders/" + orderId).body().get("status").asText(), is("confirmed"));
    }

    @Test
    void theManyOrderSocketServesOverWss() throws Exception {
        String orderId = rest.submit(ORDER);
        try (WsRecorder ws = WsRecorder.connect(rest.http(), "wss://127.0.0.1:" + gateway.port() + "/ws")) {
            assertThat(ws.next().get("type").asText(), is("connection"));
            ws.send("{\"op\":\"subscribe\",\"orderId\":\"" + orderId + "\",\"afterSeq\":0}");
            List<Steps.Step> steps = new ArrayList<>();
            for (JsonNode message = ws.next(); !message.get("type").asText().equals("unsubscribed");
                 message = ws.next()) {
                if (message.has("seq")) {
                    steps.add(new Steps.Step(message.get("seq").asLong(), message.get("type").asText(),
                                             message.get("progress").asInt()));
                }
            }
            Steps.assertLife(steps, "confirmed");
        }
    }

    @Test
    void theConsoleServedOverTlsMayOpenItsSocketAndAForeignPageMayNot() throws Exception {
        String ws = "wss://127.0.0.1:" + gateway.port() + "/ws";
        try (WsRecorder console = WsRecorder.connect(rest.http(), ws, Map.of("Origin", https()))) {
            assertThat(console.next().get("type").asText(), is("connection"));
        }
        assertThat(WsRecorder.refusal(rest.http(), ws, Map.of("Origin", "https://evil.example")).statusCode(), is(403));
    }

    @Test
    void withAllowedOriginsTheConsoleOverTlsStillOpensItsSocket() throws Exception {
        // A fixed port: with allowed origins configured, the console's loopback origin names it.
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        try (TestGateway withOrigins = TestGateway.start(Map.of(
                "server.port", String.valueOf(port),
                "orderstream.worker.enabled", "false",
                "orderstream.cors.origins", "https://app.example.com",
                "orderstream.tls.cert", identity.certificate().toString(),
                "orderstream.tls.key", identity.privateKey().toString()))) {
            String ws = "wss://127.0.0.1:" + withOrigins.port() + "/ws";
            for (String origin : List.of("https://127.0.0.1:" + port, "https://localhost:" + port,
                                         "https://app.example.com")) {
                try (WsRecorder opened = WsRecorder.connect(rest.http(), ws, Map.of("Origin", origin))) {
                    assertThat(origin, opened.next().get("type").asText(), is("connection"));
                }
            }
            assertThat(WsRecorder.refusal(rest.http(), ws, Map.of("Origin", "https://evil.example")).statusCode(),
                       is(403));
        }
    }

    @Test
    void alpnOffersHttp2ToRestClients() throws Exception {
        HttpClient client = HttpClient.newBuilder()
                .sslContext(TestCertificates.trusting(identity))
                .version(HttpClient.Version.HTTP_2)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        HttpResponse<String> answer = client.send(HttpRequest.newBuilder(URI.create(https() + "/api/orders"))
                                                          .timeout(Duration.ofSeconds(10)).build(),
                                                  HttpResponse.BodyHandlers.ofString());
        assertThat(answer.body(), answer.statusCode(), is(200));
        assertThat(answer.version(), is(HttpClient.Version.HTTP_2));
    }

    @ParameterizedTest(name = "{0} port")
    @ValueSource(strings = {"helidon", "netty"})
    void grpcOverTlsSubmitsAndWatches(String port) throws Exception {
        ManagedChannel channel = Grpc.newChannelBuilderForAddress(
                "127.0.0.1", port(port),
                TlsChannelCredentials.newBuilder().trustManager(identity.certificate().toFile()).build()).build();
        try {
            SubmitOrderResponse submitted = OrderServiceGrpc.newBlockingStub(channel)
                    .withDeadlineAfter(30, TimeUnit.SECONDS)
                    .submitOrder(SubmitOrderRequest.newBuilder().setTokenIn("USDC").setTokenOut("SOL")
                                         .setAmount("25").setSlippage("1").build());
            GrpcWatcher watcher = GrpcWatcher.watch(channel, submitted.getOrderId(), 0);
            assertThat(watcher.awaitEnd().getCode(), is(Status.Code.OK));
            Steps.assertLife(watcher.steps(), "confirmed");
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    /**
     * Helidon answers the plaintext preface with a TLS alert, which grpc-java reads as a broken
     * HTTP/2 preface (INTERNAL, "First received frame was not SETTINGS"); Netty closes the
     * connection (UNAVAILABLE). Either way the call fails at once, well before its deadline.
     */
    @ParameterizedTest(name = "{0} port")
    @CsvSource({"helidon, INTERNAL", "netty, UNAVAILABLE"})
    void aPlaintextGrpcClientIsTurnedAwayAndTheServerLogsNoStackTrace(String port, Status.Code expected)
            throws Exception {
        ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", port(port)).usePlaintext().build();
        try (LogCapture log = LogCapture.start()) {
            StatusRuntimeException refused = assertThrows(StatusRuntimeException.class, () -> OrderServiceGrpc
                    .newBlockingStub(channel).withDeadlineAfter(20, TimeUnit.SECONDS)
                    .submitOrder(SubmitOrderRequest.newBuilder().setTokenIn("SOL").setTokenOut("USDC")
                                         .setAmount("1").build()));
            assertThat(refused.getStatus().toString(), refused.getStatus().getCode(), is(expected));
            assertThat(log.records().stream().filter(line -> line.contains("\tat ")).toList(), is(empty()));
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        // and the port goes on serving TLS
        assertThat(rest.get("/api/orders").status(), is(200));
    }

    @Test
    void aPlaintextHttpClientIsTurnedAway() {
        RestClient plaintext = new RestClient("http://127.0.0.1:" + gateway.port());
        assertThrows(IOException.class, () -> plaintext.get("/api/orders"));
    }

    @Test
    void aClientThatDoesNotTrustTheCertificateIsRefusedTheHandshake() throws Exception {
        TestCertificates.Pem stranger = TestCertificates.selfSigned(dir, "stranger", "EC");
        RestClient untrusting = new RestClient(https(), TestCertificates.trusting(stranger));
        IOException refused = assertThrows(IOException.class, () -> untrusting.get("/api/orders"));
        assertThat(refused.getClass().getName(), startsWith("javax.net.ssl."));
    }

    private static String https() {
        return "https://127.0.0.1:" + gateway.port();
    }

    private static int port(String name) {
        return name.equals("helidon") ? gateway.port() : gateway.grpcPort();
    }
}
