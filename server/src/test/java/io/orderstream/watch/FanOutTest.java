package io.orderstream.watch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.orderstream.testing.GrpcWatcher;
import io.orderstream.testing.Health;
import io.orderstream.testing.RestClient;
import io.orderstream.testing.Steps;
import io.orderstream.testing.TestGateway;
import io.orderstream.testing.WsRecorder;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.both;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

/**
 * 1,000 watchers of one order, WebSocket and gRPC (both ports) mixed: every one receives every
 * event, in order, and all of them are gone from the registry afterwards. The order's events are
 * read from the store for all of them together, not once per watcher.
 */
class FanOutTest {
    private static final int WEBSOCKETS = 500;
    private static final int GRPC_STREAMS = 500;
    // One read for the first watcher, and at most one more per event that a watcher saw stored
    // before the bus brought it: a handful, where one read per watcher would be a thousand.
    private static final long MOST_STORE_READS = 20;
    private static final Pattern STORE_READS = Pattern.compile("(?m)^orderstream_watch_store_reads_total(?:\\{[^}]*\\})? ([0-9.E]+)$");

    @Test
    void everyOneOfAThousandWatchersGetsEveryEvent() throws Exception {
        // About 2 s per order, so most watchers are attached while it runs.
        // A thousand clients in one JVM on a busy machine may answer a ping late: the keep-alive
        // is not what this test is about, so it gives them more than the tests' usual 2 s.
        try (TestGateway gateway = TestGateway.start(Map.of("orderstream.dex.latency.scale", "2",
                                                            "orderstream.ws.ping.seconds", "5"))) {
            RestClient rest = new RestClient(gateway.http());
            ManagedChannel helidon = ManagedChannelBuilder.forAddress("127.0.0.1", gateway.port())
                    .usePlaintext().build();
            ManagedChannel netty = ManagedChannelBuilder.forAddress("127.0.0.1", gateway.grpcPort())
                    .usePlaintext().build();
            try {
                String orderId = rest.submit("{\"tokenIn\":\"SOL\",\"tokenOut\":\"USDC\",\"amount\":5}");
                List<GrpcWatcher> streams = new ArrayList<>();
                for (int i = 0; i < GRPC_STREAMS; i++) {
                    streams.add(GrpcWatcher.watch(i % 2 == 0 ? helidon : netty, orderId, 0));
                }
                List<Future<List<Steps.Step>>> sockets = new ArrayList<>();
                try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                    for (int i = 0; i < WEBSOCKETS; i++) {
                        sockets.add(pool.submit(() -> {
                            try (WsRecorder ws = WsRecorder.connect(rest.http(), gateway.ws()
                                    + "/api/orders/status/" + orderId)) {
                                ws.next();
                                ws.next();
                                List<Steps.Step> steps = ws.drainUntilClosed().stream()
                                        .map(e -> new Steps.Step(e.get("seq").asLong(), e.get("type").asText(),
                                                                 e.get("progress").asInt()))
                                        .toList();
                                assertThat(ws.awaitClose().code(), is(1000));
                                return steps;
                            }
                        }));
                    }
                    List<Steps.Step> reference = null;
                    for (Future<List<Steps.Step>> socket : sockets) {
                        List<Steps.Step> steps = socket.get(60, TimeUnit.SECONDS);
                        Steps.assertLife(steps, "confirmed");
                        reference = reference == null ? steps : reference;
                        assertThat(steps, is(reference));
                    }
                    for (GrpcWatcher stream : streams) {
                        assertThat(stream.awaitEnd().getCode(), is(Status.Code.OK));
                        assertThat(stream.steps(), is(reference));
                    }
                }
                Health.assertAllZero(rest, Duration.ofSeconds(10));
                assertThat(storeReads(rest), is(both(greaterThan(0L)).and(lessThanOrEqualTo(MOST_STORE_READS))));
            } finally {
                helidon.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
                netty.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
        }
    }

    private static long storeReads(RestClient rest) throws Exception {
        String metrics = rest.get("/observe/metrics").text();
        Matcher reads = STORE_READS.matcher(metrics);
        assertThat("store reads are in the metrics", reads.find(), is(true));
        return (long) Double.parseDouble(reads.group(1));
    }
}
