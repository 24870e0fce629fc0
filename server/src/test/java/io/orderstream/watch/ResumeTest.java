package io.orderstream.watch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import io.orderstream.testing.GrpcWatcher;
import io.orderstream.testing.Health;
import io.orderstream.testing.RestClient;
import io.orderstream.testing.Steps;
import io.orderstream.testing.TestGateway;
import io.orderstream.testing.WsRecorder;

import com.fasterxml.jackson.databind.JsonNode;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;

/**
 * Watchers that give their last seq receive every later event exactly once, in order, on every
 * face, whether the order is running or long finished.
 */
class ResumeTest {
    private static final String ORDER = "{\"tokenIn\":\"SOL\",\"tokenOut\":\"USDC\",\"amount\":1}";

    private static TestGateway gateway;
    private static RestClient rest;
    private static ManagedChannel channel;

    @BeforeAll
    static void start() {
        // About 200 ms per order: long enough to drop watchers in the middle.
        gateway = TestGateway.start(Map.of("orderstream.dex.latency.scale", "0.2",
                                           "orderstream.worker.concurrency", "20"));
        rest = new RestClient(gateway.http());
        channel = gateway.nettyChannel();
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void finishedOrderResumesFromAnySeqOnEveryFace() throws Exception {
        String orderId = rest.submit(ORDER);
        List<Steps.Step> all = webSocketSteps(orderId, 0);
        Steps.assertLife(all, "confirmed");
        long last = all.getLast().seq();

        assertThat(webSocketSteps(orderId, 3), is(all.subList(3, all.size())));
        assertThat(webSocketSteps(orderId, last), is(empty()));
        GrpcWatcher grpc = GrpcWatcher.watch(channel, orderId, 4);
        assertThat(grpc.awaitEnd().getCode(), is(Status.Code.OK));
        assertThat(grpc.steps(), is(all.subList(4, all.size())));
        JsonNode history = rest.get("/api/orders/" + orderId + "/events?afterSeq=2").body().get("events");
        assertThat(history.size(), is(all.size() - 2));
        assertThat(history.get(0).get("seq").asLong(), is(3L));
    }

    @Test
    void aSeqBeyondTheLastIsAClearError() throws Exception {
        String orderId = rest.submit(ORDER);
        List<Steps.Step> all = webSocketSteps(orderId, 0);
        long beyond = all.getLast().seq() + 1;

        try (WsRecorder ws = WsRecorder.connect(rest.http(), gateway.ws() + "/api/orders/status/" + orderId
                + "?afterSeq=" + beyond)) {
            WsRecorder.Closed closed = ws.awaitClose();
            assertThat(closed.code(), is(4400));
            assertThat(closed.reason(), containsString("afterSeq"));
            JsonNode error = ws.drainUntilClosed().getLast();
            assertThat(error.toString(), error.get("code").asText(), is("invalid"));
            assertThat(error.toString(), error.get("message").asText(), containsString("afterSeq"));
        }
        GrpcWatcher grpc = GrpcWatcher.watch(channel, orderId, beyond);
        Status status = grpc.awaitEnd();
        assertThat(status.getCode(), is(Status.Code.INVALID_ARGUMENT));
        assertThat(status.getDescription(), containsString("afterSeq"));
        RestClient.Reply rest400 = rest.get("/api/orders/" + orderId + "/events?afterSeq=" + beyond);
        assertThat(rest400.status(), is(400));
        assertThat(rest.get("/api/orders/" + orderId + "/events?afterSeq=-1").status(), is(400));
        try (WsRecorder ws = WsRecorder.connect(rest.http(), gateway.ws() + "/api/orders/status/" + orderId
                + "?afterSeq=abc")) {
            assertThat(ws.awaitClose().code(), is(4400));
        }
    }

    @Test
    void webSocketAndGrpcWatchersOfOneOrderSeeTheSameSequence() throws Exception {
        String orderId = rest.submit(ORDER);
        GrpcWatcher grpc = GrpcWatcher.watch(channel, orderId, 0);
        List<Steps.Step> ws = webSocketSteps(orderId, 0);
        assertThat(grpc.awaitEnd().getCode(), is(Status.Code.OK));
        Steps.assertLife(ws, "confirmed");
        assertThat(grpc.steps(), is(ws));
    }

    /**
     * 100 orders; each watcher, on a face drawn at random, drops its connection after a random
     * number of events and resumes with its last seq, until it has the terminal event.
     */
    @Test
    void watchersDroppedAtRandomAndResumedMissNothingAndRepeatNothing() throws Exception {
        List<String> orders = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            orders.add(rest.submit(ORDER));
        }
        List<Future<List<Steps.Step>>> watchers = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (String orderId : orders) {
                watchers.add(pool.submit(() -> watchWithDrops(orderId)));
            }
            for (Future<List<Steps.Step>> watcher : watchers) {
                Steps.assertLife(watcher.get(60, TimeUnit.SECONDS), "confirmed");
            }
        }
        Health.assertAllZero(rest, Duration.ofSeconds(10));
    }

    private List<Steps.Step> watchWithDrops(String orderId) throws Exception {
        List<Steps.Step> seen = Collections.synchronizedList(new ArrayList<>());
        int sessions = 0;
        while (seen.isEmpty() || !isTerminal(seen.getLast())) {
            long afterSeq = seen.isEmpty() ? 0 : seen.getLast().seq();
            int dropAfter = ThreadLocalRandom.current().nextInt(1, 4);
            switch (sessions++ % 3) {
            case 0 -> seen.addAll(orderSocket(orderId, afterSeq, dropAfter));
            case 1 -> seen.addAll(multiSocket(orderId, afterSeq, dropAfter));
            default -> seen.addAll(grpc(orderId, afterSeq, dropAfter));
            }
            if (sessions > 50) {
                throw new AssertionError("Order " + orderId + " did not end after 50 sessions: " + seen);
            }
        }
        return seen;
    }

    private List<Steps.Step> orderSocket(String orderId, long afterSeq, int dropAfter) throws Exception {
        try (WsRecorder ws = WsRecorder.connect(rest.http(), gateway.ws() + "/api/orders/status/" + orderId
                + "?afterSeq=" + afterSeq)) {
            ws.next();
            ws.next();
            return readThenDrop(ws, dropAfter);
        }
    }

    private List<Steps.Step> multiSocket(String orderId, long afterSeq, int dropAfter) throws Exception {
        try (WsRecorder ws = WsRecorder.connect(rest.http(), gateway.ws() + "/ws")) {
            ws.next();
            ws.send("{\"op\":\"subscribe\",\"orderId\":\"" + orderId + "\",\"afterSeq\":" + afterSeq + "}");
            assertThat(ws.next().get("type").asText(), is("subscribed"));
            return readThenDrop(ws, dropAfter);
        }
    }

    /** Reads up to {@code dropAfter} events (fewer if the order ends), then drops the connection. */
    private static List<Steps.Step> readThenDrop(WsRecorder ws, int dropAfter) throws InterruptedException {
        List<Steps.Step> got = new ArrayList<>();
        while (got.size() < dropAfter) {
            got.add(step(ws.next()));
            if (isTerminal(got.getLast())) {
                break;
            }
        }
        ws.abort();
        return got;
    }

    private List<Steps.Step> grpc(String orderId, long afterSeq, int dropAfter) throws Exception {
        GrpcWatcher watcher = GrpcWatcher.watch(channel, orderId, afterSeq);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (watcher.events().size() < dropAfter && System.nanoTime() < deadline) {
            List<Steps.Step> steps = watcher.steps();
            if (!steps.isEmpty() && isTerminal(steps.getLast())) {
                break;
            }
            Thread.sleep(2);
        }
        watcher.cancel();
        // Whatever arrived before the cancel took effect was delivered: the client keeps it.
        return watcher.steps();
    }

    private List<Steps.Step> webSocketSteps(String orderId, long afterSeq) throws Exception {
        try (WsRecorder ws = WsRecorder.connect(rest.http(), gateway.ws() + "/api/orders/status/" + orderId
                + "?afterSeq=" + afterSeq)) {
            assertThat(ws.next().get("type").asText(), is("connection"));
            assertThat(ws.next().get("type").asText(), is("subscribed"));
            List<Steps.Step> steps = ws.drainUntilClosed().stream().map(ResumeTest::step).toList();
            assertThat(ws.awaitClose().code(), is(1000));
            return steps;
        }
    }

    private static Steps.Step step(JsonNode event) {
        return new Steps.Step(event.get("seq").asLong(), event.get("type").asText(), event.get("progress").asInt());
    }

    private static boolean isTerminal(Steps.Step step) {
        return step.type().equals("confirmed") || step.type().equals("failed") || step.type().equals("cancelled");
    }
}
