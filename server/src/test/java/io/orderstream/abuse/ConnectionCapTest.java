package io.orderstream.abuse;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.orderstream.testing.TestGateway;

import io.grpc.ManagedChannel;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/**
 * At the connection cap of either port, a connection past it is closed at once (its client sees
 * a reset or the end of the stream, not a wait), while those inside the cap go on being served;
 * once they leave, as many new clients as the cap allows are served.
 */
class ConnectionCapTest {
    private static final int CAP = 50;
    private static final int EXTRA = 20;
    // Far longer than a close takes, far shorter than a hang: a read that waits this long failed.
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration LEAVING = Duration.ofSeconds(10);
    private static final String HEALTH = "GET /health HTTP/1.1\r\nHost: x\r\n\r\n";
    private static final String OK = "HTTP/1.1 200 OK";

    private static TestGateway gateway;

    @BeforeAll
    static void start() {
        gateway = TestGateway.start(Map.of("server.max-tcp-connections", String.valueOf(CAP),
                                           "orderstream.grpc.max.connections", String.valueOf(CAP)));
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void httpPortClosesConnectionsPastTheCapAtOnce() throws Exception {
        List<PlainConnection> held = new ArrayList<>();
        List<PlainConnection> extra = new ArrayList<>();
        try {
            for (int i = 0; i < CAP; i++) {
                held.add(PlainConnection.open(gateway.port(), READ_TIMEOUT));
                assertThat("connection " + (i + 1) + " of " + CAP, held.getLast().http(HEALTH), is(OK));
            }
            for (int i = 0; i < EXTRA; i++) {
                extra.add(PlainConnection.openOrReset(gateway.port(), READ_TIMEOUT));
            }
            for (PlainConnection connection : extra) {
                assertThat("a connection past the cap", connection.http(HEALTH), is(PlainConnection.CLOSED));
            }
            for (PlainConnection connection : held) {
                assertThat("a connection inside the cap, after the refusals", connection.http(HEALTH), is(OK));
            }
        } finally {
            closeAll(held);
            closeAll(extra);
        }
        // The server sees the clients leave a moment after they do.
        awaitServed(() -> firstOf(gateway.port(), connection -> connection.http(HEALTH)), OK);
        List<PlainConnection> next = new ArrayList<>();
        try {
            for (int i = 0; i < CAP; i++) {
                next.add(PlainConnection.open(gateway.port(), READ_TIMEOUT));
                assertThat("new connection " + (i + 1) + " of " + CAP, next.getLast().http(HEALTH), is(OK));
            }
        } finally {
            closeAll(next);
        }
    }

    @Test
    void grpcPortClosesConnectionsPastTheCapAtOnce() throws Exception {
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", gateway.grpcPort()).usePlaintext().build();
        List<PlainConnection> held = new ArrayList<>();
        List<PlainConnection> extra = new ArrayList<>();
        try {
            // One real client among plain HTTP/2 connections: the channel counts as the first.
            assertThat(health(channel), is(HealthCheckResponse.ServingStatus.SERVING));
            for (int i = 1; i < CAP; i++) {
                held.add(PlainConnection.open(gateway.grpcPort(), READ_TIMEOUT));
                assertThat("connection " + (i + 1) + " of " + CAP, held.getLast().http2Preface(), is("settings"));
            }
            for (int i = 0; i < EXTRA; i++) {
                extra.add(PlainConnection.openOrReset(gateway.grpcPort(), READ_TIMEOUT));
            }
            for (PlainConnection connection : extra) {
                assertThat("a connection past the cap", connection.http2Preface(), is(PlainConnection.CLOSED));
            }
            assertThat("the client inside the cap, after the refusals", health(channel),
                       is(HealthCheckResponse.ServingStatus.SERVING));
            for (PlainConnection connection : held) {
                assertThat("a connection inside the cap, after the refusals", connection.http2Ping(), is("pong"));
            }
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            closeAll(held);
            closeAll(extra);
        }
        awaitServed(() -> firstOf(gateway.grpcPort(), PlainConnection::http2Preface), "settings");
        List<PlainConnection> next = new ArrayList<>();
        try {
            for (int i = 0; i < CAP; i++) {
                next.add(PlainConnection.open(gateway.grpcPort(), READ_TIMEOUT));
                assertThat("new connection " + (i + 1) + " of " + CAP, next.getLast().http2Preface(), is("settings"));
            }
        } finally {
            closeAll(next);
        }
    }

    private static HealthCheckResponse.ServingStatus health(ManagedChannel channel) {
        return HealthGrpc.newBlockingStub(channel)
                .withDeadlineAfter(5, TimeUnit.SECONDS)
                .check(HealthCheckRequest.getDefaultInstance())
                .getStatus();
    }

    /** What one new connection gets, closed again at once. */
    private static String firstOf(int port, Exchange exchange) throws IOException {
        try (PlainConnection connection = PlainConnection.openOrReset(port, READ_TIMEOUT)) {
            return exchange.on(connection);
        }
    }

    private static void awaitServed(Attempt attempt, String served) throws Exception {
        long deadline = System.nanoTime() + LEAVING.toNanos();
        String outcome = attempt.outcome();
        while (!outcome.equals(served) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            outcome = attempt.outcome();
        }
        assertThat("a new client once the others left", outcome, is(served));
    }

    private static void closeAll(List<PlainConnection> connections) throws IOException {
        for (PlainConnection connection : connections) {
            connection.close();
        }
    }

    @FunctionalInterface
    private interface Exchange {
        String on(PlainConnection connection) throws IOException;
    }

    @FunctionalInterface
    private interface Attempt {
        String outcome() throws IOException;
    }
}
