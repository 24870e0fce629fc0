package io.orderstream.limits;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.orderstream.proto.v1.OrderServiceGrpc;
import io.orderstream.proto.v1.WatchOrderRequest;
import io.orderstream.testing.GrpcWatcher;
import io.orderstream.testing.RestClient;
import io.orderstream.testing.TestGateway;
import io.orderstream.testing.Tokens;
import io.orderstream.testing.WsRecorder;

import com.fasterxml.jackson.databind.JsonNode;
import io.grpc.Channel;
import io.grpc.Context;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * What one subject may hold open on one gateway in {@code jwt} mode: two WebSockets (both
 * endpoints together), three {@code /ws} subscriptions (over all its connections), two
 * {@code WatchOrder} streams (both ports together). One more WebSocket is told why and closed with
 * 1008; one more subscription gets a {@code rate-limited} error and the connection carries on; one
 * more watch is RESOURCE_EXHAUSTED with a {@code RetryInfo}. Another subject is not limited by
 * them, and a place is free again once one of the subject's own ends. No worker runs, so watched
 * orders stay pending and their streams open.
 */
class StreamCapsTest {
    private static final Duration LEAVING = Duration.ofSeconds(10);

    @TempDir
    static Path dir;
    private static TestGateway gateway;
    private static RestClient rest;
    private static ManagedChannel helidon;
    private static ManagedChannel netty;

    @BeforeAll
    static void start() {
        gateway = Calls.gateway(dir, Map.of("orderstream.limits.websockets", "2",
                                            "orderstream.limits.ws.subscriptions", "3",
                                            "orderstream.limits.grpc.watches", "2"));
        rest = new RestClient(gateway.http());
        helidon = gateway.helidonChannel();
        netty = gateway.nettyChannel();
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void aWebSocketPastTheSubjectsCapIsToldWhyAndClosedWith1008() throws Exception {
        String eve = Calls.subject("eve");
        String order = Calls.submit(rest, eve).body().path("orderId").asText();
        long counted = Calls.refused(rest, "order-socket", "websockets") + Calls.refused(rest, "multi-socket",
                                                                                          "websockets");
        try (WsRecorder own = orderSocket(eve, order); WsRecorder multi = multiSocket(eve)) {
            assertThat(own.next().path("type").asText(), is("connection"));
            assertThat(own.next().path("type").asText(), is("subscribed"));
            assertThat(multi.next().path("type").asText(), is("connection"));
            // Answered after its admission: both places are taken before a third socket races for one.
            multi.send("{\"op\":\"ping\"}");
            assertThat(multi.next().path("type").asText(), is("pong"));

            for (Supplier<WsRecorder> third : List.<Supplier<WsRecorder>>of(
                    () -> orderSocket(eve, order), () -> multiSocket(eve), () -> authenticatedLater(eve))) {
                try (WsRecorder refused = third.get()) {
                    List<JsonNode> told = refused.drainUntilClosed();
                    JsonNode error = told.stream().filter(m -> "error".equals(m.path("type").asText())).findFirst()
                            .orElseThrow(() -> new AssertionError("No error message: " + told));
                    assertThat(error.path("code").asText(), is("rate-limited"));
                    WsRecorder.Closed closed = refused.awaitClose();
                    assertThat(closed.code(), is(1008));
                    assertThat(closed.reason(), containsString("WebSockets"));
                }
            }
            assertThat(Calls.refused(rest, "order-socket", "websockets")
                               + Calls.refused(rest, "multi-socket", "websockets"), is(counted + 3));

            try (WsRecorder other = multiSocket(Calls.subject("frank"))) {
                assertThat(other.next().path("type").asText(), is("connection"));
                other.send("{\"op\":\"ping\"}");
                assertThat("another subject is not limited", other.next().path("type").asText(), is("pong"));
            }

            own.close();
            assertThat("a closed WebSocket frees its place", opensWithin(() -> multiSocket(eve)), is(true));
        }
    }

    @Test
    void aSubscriptionPastTheSubjectsCapIsAnErrorAndTheConnectionCarriesOn() throws Exception {
        String gina = Calls.subject("gina");
        List<String> orders = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            orders.add(Calls.submit(rest, gina).body().path("orderId").asText());
        }
        long counted = Calls.refused(rest, "multi-socket", "ws_subscriptions");
        try (WsRecorder first = multiSocket(gina); WsRecorder second = multiSocket(gina)) {
            first.next();
            second.next();
            subscribe(first, orders.get(0));
            subscribe(first, orders.get(1));
            subscribe(second, orders.get(2));

            second.send("{\"op\":\"subscribe\",\"orderId\":\"" + orders.get(3) + "\"}");
            JsonNode error = second.next();

            assertThat(error.toString(), error.path("type").asText(), is("error"));
            assertThat(error.path("code").asText(), is("rate-limited"));
            assertThat(error.path("orderId").asText(), is(orders.get(3)));
            assertThat(error.path("message").asText(), containsString("/ws"));
            assertThat(Calls.refused(rest, "multi-socket", "ws_subscriptions"), is(counted + 1));
            second.send("{\"op\":\"ping\"}");
            assertThat("the connection carries on", second.next().path("type").asText(), is("pong"));

            first.send("{\"op\":\"unsubscribe\",\"orderId\":\"" + orders.get(0) + "\"}");
            assertThat(first.next().path("type").asText(), is("unsubscribed"));
            subscribe(second, orders.get(3));
        }
    }

    @Test
    void aWatchPastTheSubjectsCapIsResourceExhaustedWithRetryInfoOnEitherPort() throws Exception {
        String hank = Calls.subject("hank");
        String order = Calls.submit(rest, hank).body().path("orderId").asText();
        String token = Tokens.token(hank, "orders:read");
        long counted = Calls.refused(rest, "grpc", "grpc_watches");
        GrpcWatcher onHelidon = watching(Tokens.bearer(helidon, token), order);
        GrpcWatcher onNetty = watching(Tokens.bearer(netty, token), order);
        try {
            for (ManagedChannel channel : new ManagedChannel[] {helidon, netty}) {
                StatusRuntimeException refused = assertThrows(StatusRuntimeException.class,
                                                              () -> watchOnce(Tokens.bearer(channel, token), order));
                assertThat(refused.getStatus().toString(), refused.getStatus().getCode(),
                           is(Status.Code.RESOURCE_EXHAUSTED));
                assertThat(refused.getStatus().getDescription(), containsString("WatchOrder"));
                assertThat(Calls.retryDelay(refused).orElseThrow().toMillis(), greaterThan(0L));
            }
            assertThat(Calls.refused(rest, "grpc", "grpc_watches"), is(counted + 2));

            String ivy = Calls.subject("ivy");
            String ivysOrder = Calls.submit(rest, ivy).body().path("orderId").asText();
            GrpcWatcher other = watching(Tokens.bearer(netty, Tokens.token(ivy, "orders:read")), ivysOrder);
            other.cancel();

            onHelidon.cancel();
            assertThat("a cancelled watch frees its place", watchesWithin(Tokens.bearer(netty, token), order),
                       is(true));
        } finally {
            onHelidon.cancel();
            onNetty.cancel();
        }
    }

    /** A watch that has its first event: it holds its place. */
    private static GrpcWatcher watching(Channel channel, String order) throws InterruptedException {
        GrpcWatcher watcher = GrpcWatcher.watch(channel, order, 0);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (watcher.events().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat("the watch started", watcher.events().size(), is(1));
        return watcher;
    }

    /** Starts a watch, reads its first event and cancels it; a refused one throws its status. */
    private static void watchOnce(Channel channel, String order) {
        Context.CancellableContext call = Context.current().withCancellation();
        try {
            call.run(() -> OrderServiceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
                    .watchOrder(WatchOrderRequest.newBuilder().setOrderId(order).build())
                    .next());
        } finally {
            call.cancel(null);
        }
    }

    /** Whether a new watch starts before the gateway has had long to notice one of the subject's end. */
    private static boolean watchesWithin(Channel channel, String order) throws Exception {
        long deadline = System.nanoTime() + LEAVING.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                watchOnce(channel, order);
                return true;
            } catch (StatusRuntimeException refused) {
                assertThat(refused.getStatus().getCode(), is(Status.Code.RESOURCE_EXHAUSTED));
            }
            Thread.sleep(100);
        }
        return false;
    }

    /** Whether a new WebSocket is admitted before the gateway has had long to notice one close. */
    private static boolean opensWithin(Supplier<WsRecorder> open) throws Exception {
        long deadline = System.nanoTime() + LEAVING.toNanos();
        while (System.nanoTime() < deadline) {
            try (WsRecorder socket = open.get()) {
                assertThat(socket.next().path("type").asText(), is("connection"));
                // A refused one has its error sent already, right after its connection message.
                try {
                    socket.send("{\"op\":\"ping\"}");
                } catch (RuntimeException closedMeanwhile) {
                    // Refused and closed; the error message is still read below.
                }
                if ("pong".equals(socket.next().path("type").asText())) {
                    return true;
                }
            }
            Thread.sleep(100);
        }
        return false;
    }

    private static void subscribe(WsRecorder socket, String order) throws InterruptedException {
        socket.send("{\"op\":\"subscribe\",\"orderId\":\"" + order + "\"}");
        JsonNode subscribed = socket.next();
        assertThat(subscribed.toString(), subscribed.path("type").asText(), is("subscribed"));
        assertThat(socket.next().path("type").asText(), is("pending"));
    }

    private static WsRecorder orderSocket(String subject, String order) {
        return WsRecorder.connect(rest.http(), gateway.ws() + "/api/orders/status/" + order,
                                  Map.of("Authorization", "Bearer " + Tokens.token(subject, "orders:read")));
    }

    private static WsRecorder multiSocket(String subject) {
        return WsRecorder.connect(rest.http(), gateway.ws() + "/ws",
                                  Map.of("Authorization", "Bearer " + Tokens.token(subject, "orders:read")));
    }

    /** A {@code /ws} connection that authenticates with its first message, as a browser's may. */
    private static WsRecorder authenticatedLater(String subject) {
        WsRecorder socket = WsRecorder.connect(rest.http(), gateway.ws() + "/ws");
        socket.send("{\"op\":\"auth\",\"token\":\"" + Tokens.token(subject, "orders:read") + "\"}");
        return socket;
    }
}
