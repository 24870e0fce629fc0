package io.orderstream.abuse;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.orderstream.distributed.NodeProcess;
import io.orderstream.testing.FreePorts;

import io.grpc.ManagedChannel;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

/**
 * A gateway process whose connection caps are set above its file descriptor limit (a
 * misconfiguration, or a limit lowered under it) is flooded past that limit, on each port in
 * turn. Whatever a flood did, once its connections leave, both ports serve new clients again.
 * The first flood comes before any HTTP request, and the gateway's first HTTP connection comes
 * during it: whatever a first request sets up must not be set up then for the first time (see
 * {@code VirtualThreadPoller}). The gateway runs as {@link ClassesLoadedMain}, so its classes
 * need no descriptor, as in its packaged form.
 * <p>
 * On the Helidon port, accepting then fails and Helidon 4.5.0 ends its listener: the gateway
 * finds it gone and starts it again (and logs so). Netty's listener pauses and goes on. The flood
 * on one port reaches the other too, since both draw on the same descriptors.
 */
class DescriptorExhaustionTest {
    // The gateway alone holds about 250 descriptors (its class path's jars among them).
    private static final int OPEN_FILES = 512;
    private static final int CAP = 1000;
    private static final int FLOOD = 700;
    private static final Duration FLOOD_HELD = Duration.ofSeconds(2);
    private static final Duration FLOOD_LIMIT = Duration.ofSeconds(20);
    private static final Duration RECOVERY = Duration.ofSeconds(30);
    private static final String HEALTH = "GET /health HTTP/1.1\r\nHost: x\r\n\r\n";
    private static final String OK = "HTTP/1.1 200 OK";
    private static final String SERVING = "SERVING";

    @Test
    void bothPortsServeAgainOnceAFloodPastTheDescriptorLimitLeaves() throws Exception {
        int port = FreePorts.next();
        int grpcPort = FreePorts.next();
        Map<String, String> env = Map.of(
                "SERVER_PORT", String.valueOf(port),
                "ORDERSTREAM_GRPC_PORT", String.valueOf(grpcPort),
                "SERVER_MAX_dash_TCP_dash_CONNECTIONS", String.valueOf(CAP),
                "ORDERSTREAM_GRPC_MAX_CONNECTIONS", String.valueOf(CAP),
                "ORDERSTREAM_DB_URL", "jdbc:h2:mem:fd-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;DATABASE_TO_LOWER=TRUE",
                "ORDERSTREAM_DEX_LATENCY_SCALE", "0");
        try (NodeProcess gateway = NodeProcess.startWithOpenFileLimit(
                "fd-limit-gateway", ClassesLoadedMain.class, env, List.of("-Xmx256m", "-XX:+UseSerialGC"), OPEN_FILES)) {
            assertThat("started: " + gateway, gateway.awaitLog("orderstream is up", 90_000), is(true));

            // No request before: the gateway's first HTTP connection comes while the flood holds
            // every descriptor, and waits for its request.
            flood(grpcPort, () -> System.out.println("HTTP during the flood: " + slowHttp(port)));
            assertThat("the HTTP port after a flood of the gRPC port", awaitHttp(port), is(OK));
            assertThat("the gRPC port after its flood", awaitGrpc(grpcPort), is(SERVING));

            flood(port, () -> { });
            assertThat("the HTTP port after its flood", awaitHttp(port), is(OK));
            assertThat("the gRPC port after a flood of the HTTP port", awaitGrpc(grpcPort), is(SERVING));

            assertThat("still running", gateway.isAlive(), is(true));
            String log = gateway.log();
            assertThat("Netty's accept failed (the limit was reached) and was reported", log,
                       containsString("failure(s) to accept a connection on the gRPC port"));
            assertThat("Helidon's listener ended and was started again", log,
                       containsString("is listening again"));
        }
    }

    /**
     * Opens connections (refused ones are counted, not thrown), holds them a moment while
     * {@code during} runs, closes them.
     */
    private static void flood(int port, Runnable during) throws Exception {
        List<Socket> held = new ArrayList<>();
        int refused = 0;
        long deadline = System.nanoTime() + FLOOD_LIMIT.toNanos();
        try {
            for (int i = 0; i < FLOOD && System.nanoTime() < deadline; i++) {
                Socket socket = new Socket();
                try {
                    socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                    held.add(socket);
                } catch (IOException e) {
                    socket.close();
                    refused++;
                }
            }
            System.out.println("flood of port " + port + ": " + held.size() + " connected, " + refused + " refused");
            during.run();
            Thread.sleep(FLOOD_HELD.toMillis());
        } finally {
            for (Socket socket : held) {
                socket.close();
            }
        }
    }

    private static String awaitHttp(int port) throws InterruptedException {
        return await(() -> http(port), OK);
    }

    private static String awaitGrpc(int port) throws InterruptedException {
        return await(() -> grpc(port), SERVING);
    }

    private static String await(Attempt attempt, String served) throws InterruptedException {
        long deadline = System.nanoTime() + RECOVERY.toNanos();
        String outcome = attempt.outcome();
        while (!outcome.equals(served) && System.nanoTime() < deadline) {
            Thread.sleep(200);
            outcome = attempt.outcome();
        }
        return outcome;
    }

    private static String http(int port) {
        try (PlainConnection connection = PlainConnection.open(port, Duration.ofSeconds(3))) {
            return connection.http(HEALTH);
        } catch (IOException e) {
            return e.toString();
        }
    }

    /** A request sent a moment after connecting, so the server waits for it first. */
    private static String slowHttp(int port) {
        try (PlainConnection connection = PlainConnection.open(port, Duration.ofSeconds(3))) {
            Thread.sleep(500);
            return connection.http(HEALTH);
        } catch (IOException e) {
            return e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return e.toString();
        }
    }

    private static String grpc(int port) {
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
        try {
            return HealthGrpc.newBlockingStub(channel)
                    .withDeadlineAfter(3, TimeUnit.SECONDS)
                    .check(HealthCheckRequest.getDefaultInstance())
                    .getStatus()
                    .name();
        } catch (RuntimeException e) {
            return e.toString();
        } finally {
            channel.shutdownNow();
        }
    }

    @FunctionalInterface
    private interface Attempt {
        String outcome();
    }
}
