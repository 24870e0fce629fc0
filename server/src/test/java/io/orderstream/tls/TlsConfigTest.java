package io.orderstream.tls;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.orderstream.distributed.NodeProcess;
import io.orderstream.proto.v1.OrderServiceGrpc;
import io.orderstream.proto.v1.SubmitOrderRequest;
import io.orderstream.server.Main;
import io.orderstream.testing.LogCapture;
import io.orderstream.testing.RestClient;
import io.orderstream.testing.TestCertificates;
import io.orderstream.testing.TestGateway;

import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.TlsChannelCredentials;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * TLS configuration: what an operator may get wrong refuses the start in one line that names the
 * key at fault (checked in-process for each mistake, and once as {@code java -jar} shows it);
 * what is right starts a gateway whose startup lines say https and wss.
 */
class TlsConfigTest {
    private static final List<String> JVM = List.of("-Xmx256m", "-XX:+UseSerialGC");

    @TempDir
    Path dir;

    @Test
    void aMissingCertificateFileIsNamed() throws Exception {
        TestCertificates.Pem pem = TestCertificates.selfSigned(dir, "gateway", "EC");
        String message = refusal(dir.resolve("nowhere.crt"), pem.privateKey());
        assertThat(message, is("orderstream.tls.cert: there is no file " + dir.resolve("nowhere.crt")));
    }

    @Test
    void aKeyThatCannotBeReadIsNamed() throws Exception {
        TestCertificates.Pem pem = TestCertificates.selfSigned(dir, "gateway", "EC");
        // A directory: tests run as root, who can read any file whatever its permissions.
        assertThat(refusal(pem.certificate(), dir), startsWith("orderstream.tls.key: " + dir + " cannot be read"));
    }

    @Test
    void aCertificateFileWithoutCertificatesIsNamed() throws Exception {
        TestCertificates.Pem pem = TestCertificates.selfSigned(dir, "gateway", "EC");
        Path notPem = Files.writeString(dir.resolve("junk.crt"), "not a certificate\n");
        assertThat(refusal(notPem, pem.privateKey()),
                   startsWith("orderstream.tls.cert: " + notPem + " holds no PEM certificate chain"));
        // a key where the certificate should be
        assertThat(refusal(pem.privateKey(), pem.privateKey()), startsWith("orderstream.tls.cert: "));
    }

    @Test
    void aKeyNotInPkcs8IsNamedWithTheCommandThatConvertsIt() throws Exception {
        TestCertificates.Pem pem = TestCertificates.selfSigned(dir, "gateway", "EC");
        Path traditional = dir.resolve("traditional.key");
        TestCertificates.traditionalKey(traditional, "EC");
        assertThat(Files.readString(traditional), startsWith("-----BEGIN EC PRIVATE KEY-----"));

        String message = refusal(pem.certificate(), traditional);
        assertThat(message, startsWith("orderstream.tls.key: " + traditional + " holds no unencrypted PKCS#8"));
        assertThat(message, containsString("openssl pkcs8 -topk8 -nocrypt"));
    }

    @Test
    void aKeyOfAnotherCertificateIsRefused() throws Exception {
        TestCertificates.Pem gateway = TestCertificates.selfSigned(dir, "gateway", "EC");
        TestCertificates.Pem otherEc = TestCertificates.selfSigned(dir, "other-ec", "EC");
        TestCertificates.Pem otherRsa = TestCertificates.selfSigned(dir, "other-rsa", "RSA");

        for (Path key : List.of(otherEc.privateKey(), otherRsa.privateKey())) {
            assertThat(refusal(gateway.certificate(), key), startsWith(
                    "orderstream.tls.key does not match orderstream.tls.cert: " + key + " is not the private key of "
                            + "the first certificate in " + gateway.certificate()));
        }
    }

    @Test
    void anExpiredCertificateIsWarnedAboutNotRefused() throws Exception {
        Instant now = Instant.now();
        TestCertificates.Pem expired = TestCertificates.selfSigned(dir, "expired", "EC", now.minus(Duration.ofDays(2)),
                                                                   now.minus(Duration.ofDays(1)));
        try (LogCapture log = LogCapture.start()) {
            Optional<TlsIdentity> identity = TlsIdentity.load(new TlsSettings(Optional.of(expired.certificate()),
                                                                              Optional.of(expired.privateKey())));
            assertThat(identity.isPresent(), is(true));
            String warning = "orderstream.tls.cert: the certificate in " + expired.certificate();
            assertThat(log.records().toString(), log.records().stream()
                    .filter(line -> line.contains("WARNING") && line.contains(warning)
                            && line.contains("clients that check it will refuse"))
                    .count(), is(1L));
        }
    }

    @Test
    void aCertificateWithoutItsKeyIsRefused() throws Exception {
        TestCertificates.Pem pem = TestCertificates.selfSigned(dir, "gateway", "EC");
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> TestGateway.start(
                Map.of("orderstream.tls.cert", pem.certificate().toString())));
        assertThat(refused.getMessage(), startsWith("orderstream.tls.cert is set but orderstream.tls.key is not"));
    }

    @Test
    void anRsaIdentityServesBothPorts() throws Exception {
        TestCertificates.Pem pem = TestCertificates.selfSigned(dir, "gateway", "RSA");
        try (TestGateway gateway = start(pem.certificate(), pem.privateKey())) {
            RestClient rest = new RestClient("https://127.0.0.1:" + gateway.port(), TestCertificates.trusting(pem));
            assertThat(rest.get("/api/orders").status(), is(200));
            ManagedChannel channel = Grpc.newChannelBuilderForAddress(
                    "127.0.0.1", gateway.grpcPort(),
                    TlsChannelCredentials.newBuilder().trustManager(pem.certificate().toFile()).build()).build();
            try {
                String orderId = OrderServiceGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS)
                        .submitOrder(SubmitOrderRequest.newBuilder().setTokenIn("SOL").setTokenOut("USDC")
                                             .setAmount("1").build())
                        .getOrderId();
                assertThat(rest.get("/api/orders/" + orderId).status(), is(200));
            } finally {
                channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void theProcessRefusesABadKeyInOneLineWithoutAStackTrace() throws Exception {
        TestCertificates.Pem gateway = TestCertificates.selfSigned(dir, "gateway", "EC");
        TestCertificates.Pem other = TestCertificates.selfSigned(dir, "other", "EC");
        try (NodeProcess process = NodeProcess.start("tls-refused", Main.class,
                                                     environment(gateway.certificate(), other.privateKey()), JVM)) {
            int status = process.awaitExit(TimeUnit.SECONDS.toMillis(60));
            String output = process.log();
            assertThat(output, status, is(2));
            // Besides the log lines of what ran before the check (logging set up, say): one line says why.
            List<String> refusals = output.lines().filter(line -> line.startsWith("orderstream: refusing")).toList();
            assertThat(output, refusals, hasSize(1));
            assertThat(refusals.getFirst(), startsWith("orderstream: refusing to start: orderstream.tls.key does not "
                                                               + "match orderstream.tls.cert"));
            assertThat(output, not(containsString("\tat ")));
            assertThat(output, not(containsString("Exception")));
        }
    }

    @Test
    void theProcessSaysHttpsAndWssWhenItStarts() throws Exception {
        TestCertificates.Pem pem = TestCertificates.selfSigned(dir, "gateway", "EC");
        try (NodeProcess process = NodeProcess.start("tls-started", Main.class,
                                                     environment(pem.certificate(), pem.privateKey()), JVM)) {
            assertThat(process.log(), process.awaitLog("orderstream is up", TimeUnit.SECONDS.toMillis(60)), is(true));
            // the lines after it are logged in the same record
            String log = process.log();
            assertThat(log, containsString("browser     https://localhost:"));
            assertThat(log, containsString("REST        curl --cacert " + pem.certificate()
                                                   + " -X POST https://localhost:"));
            assertThat(log, containsString("WebSocket   wss://localhost:"));
            assertThat(log, containsString("grpcurl     grpcurl -cacert " + pem.certificate() + " localhost:"));
            assertThat(log, not(containsString("ws://")));
            assertThat(log, not(containsString("http://")));
        }
    }

    /** The message a gateway with these files refuses to start with. */
    private static String refusal(Path cert, Path key) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> start(cert, key));
        assertThat(refused.getMessage(), refused.getMessage().lines().count(), is(1L));
        return refused.getMessage();
    }

    private static TestGateway start(Path cert, Path key) {
        return TestGateway.start(Map.of("orderstream.tls.cert", cert.toString(),
                                        "orderstream.tls.key", key.toString()));
    }

    /** As an operator sets it: the environment, through Helidon's mapping of variable names to keys. */
    private Map<String, String> environment(Path cert, Path key) {
        return Map.of("ORDERSTREAM_TLS_CERT", cert.toString(),
                      "ORDERSTREAM_TLS_KEY", key.toString(),
                      "SERVER_PORT", "0",
                      "ORDERSTREAM_GRPC_PORT", "0",
                      "ORDERSTREAM_DB_URL", "jdbc:h2:mem:tls;DB_CLOSE_DELAY=-1",
                      "ORDERSTREAM_DEX_LATENCY_SCALE", "0");
    }
}
