package io.orderstream.distributed;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;

/**
 * Two gateways and two workers on Redis and PostgreSQL under steady load, each restarted in turn
 * with SIGTERM, as a rolling deploy does. Clients behave as the docs tell them to: a submit that
 * fails is made again, on the other gateway, with the same Idempotency-Key; a watcher whose socket
 * ends early reconnects with the last seq it holds. Every order must then end exactly once, and
 * every watcher must hold its order's whole history, in order, with no gap and no repeat.
 */
class RollingRestartTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ORDER = "{\"tokenIn\":\"SOL\",\"tokenOut\":\"USDC\",\"amount\":10,\"slippage\":0.5}";
    /** Orders submitted per second while the restarts go on. */
    private static final int RATE = 25;
    /** At least this many orders, each with a watcher, however quick the restarts. */
    private static final int LEAST_ORDERS = 500;
    private static final Duration DRAIN = Duration.ofSeconds(10);
    /** Order sockets a gateway must hold when it is told to stop. */
    private static final int WATCHED_AT_DRAIN = 3;

    @Test
    void restartingEachGatewayAndWorkerInTurnLosesAndRepeatsNothing() throws Exception {
        try (Cluster cluster = Cluster.on(Cluster.SHARED_REDIS, "rolling")
                // About half a second per order: every restart finds orders in flight.
                .with("ORDERSTREAM_DEX_LATENCY_SCALE", "0.5")
                .with("ORDERSTREAM_DRAIN_TIMEOUT_SECONDS", String.valueOf(DRAIN.toSeconds()))) {
            List<Cluster.GatewayNode> gateways = new ArrayList<>(cluster.gateways(2));
            List<NodeProcess> workers = new ArrayList<>(cluster.workers(2));
            List<String> http = gateways.stream().map(Cluster.GatewayNode::http).toList();
            List<String> ws = gateways.stream().map(Cluster.GatewayNode::ws).toList();
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            Load load = new Load(client, http, ws);
            Thread submitting = Thread.ofPlatform().name("load").start(load::run);
            Map<String, Duration> drains = new LinkedHashMap<>();
            try {
                for (int i = 0; i < gateways.size(); i++) {
                    Cluster.GatewayNode gateway = gateways.get(i);
                    // Under a loaded machine the load may not have reached it yet: a drain with no
                    // one to tell would prove nothing.
                    awaitOrderSockets(client, gateway, WATCHED_AT_DRAIN);
                    drains.put("gateway-" + (i + 1), gateway.process().terminate(DRAIN.plusSeconds(20)));
                    assertThat(gateway.process().log(), containsString("Drained in"));
                    gateways.set(i, cluster.restart(gateway, "gateway-" + (i + 1) + "-again"));
                }
                for (int i = 0; i < workers.size(); i++) {
                    drains.put("worker-" + (i + 1), workers.get(i).terminate(DRAIN.plusSeconds(20)));
                    assertThat(workers.get(i).log(), containsString("Drained in"));
                    workers.set(i, cluster.worker("worker-" + (i + 1) + "-again"));
                }
                load.awaitAtLeast(LEAST_ORDERS);
            } finally {
                load.stop(submitting);
            }
            System.out.println("Drain times: " + drains);

            assertThat("submits that failed on both gateways, again and again", load.lost(), is(empty()));
            List<ResumingWatcher> watchers = new ArrayList<>();
            for (CompletableFuture<ResumingWatcher> watch : load.watches()) {
                watchers.add(watch.get(60, TimeUnit.SECONDS));
            }
            assertThat(watchers.size(), is(greaterThanOrEqualTo(LEAST_ORDERS)));
            for (ResumingWatcher watcher : watchers) {
                List<Long> expected = LongStream.rangeClosed(1, watcher.seqs().size()).boxed().toList();
                assertThat("seqs of " + watcher.orderId() + ": no gap, no repeat", watcher.seqs(), is(expected));
                assertThat("last event of " + watcher.orderId(), watcher.lastType(), is("confirmed"));
            }
            Map<String, Long> breaks = watchers.stream().flatMap(watcher -> watcher.breaks().stream())
                    .collect(Collectors.groupingBy(how -> how, TreeMap::new, Collectors.counting()));
            System.out.println("Sockets that ended before their order: " + breaks);
            assertThat("watchers told by a draining gateway to reconnect; sockets ended early: " + breaks,
                       watchers.stream().mapToInt(ResumingWatcher::restarts).sum(), is(greaterThan(0)));
            assertThat("orders without exactly one terminal event", cluster.schema().ordersNotEndedOnce(), is(empty()));
            for (Map.Entry<String, Duration> drain : drains.entrySet()) {
                assertThat(drain.getKey() + " drained within its time",
                           drain.getValue().compareTo(DRAIN.plusSeconds(5)) < 0, is(true));
            }
        }
    }

    /** Waits until the gateway's {@code /health} counts at least {@code least} order sockets. */
    private static void awaitOrderSockets(HttpClient client, Cluster.GatewayNode gateway, int least) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        int seen = 0;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> health = client.send(
                    HttpRequest.newBuilder(URI.create(gateway.http() + "/health")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            seen = JSON.readTree(health.body()).path("connections").path("orderSockets").asInt();
            if (seen >= least) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError(gateway.http() + " held " + seen + " order sockets after a minute of load, not " + least);
    }

    /**
     * Submits {@link #RATE} orders a second until stopped, each with an Idempotency-Key of its own
     * and a {@link ResumingWatcher}; a submit that fails goes to the other gateway with the same key.
     */
    private static final class Load {
        private static final int MOST_TRIES = 100;

        private final HttpClient client;
        private final List<String> http;
        private final List<String> ws;
        private final List<CompletableFuture<ResumingWatcher>> watches = new CopyOnWriteArrayList<>();
        private final Map<String, String> lost = new ConcurrentHashMap<>();
        private final AtomicBoolean stopped = new AtomicBoolean();
        private final List<Thread> submits = new CopyOnWriteArrayList<>();

        Load(HttpClient client, List<String> http, List<String> ws) {
            this.client = client;
            this.http = http;
            this.ws = ws;
        }

        void run() {
            long period = TimeUnit.SECONDS.toNanos(1) / RATE;
            long next = System.nanoTime();
            for (int i = 0; !stopped.get(); i++) {
                int first = i % http.size();
                submits.add(Thread.ofVirtual().name("submit-" + i).start(() -> submitAndWatch(first)));
                next += period;
                pauseUntil(next);
            }
        }

        private void submitAndWatch(int first) {
            String key = UUID.randomUUID().toString();
            String failure = "";
            for (int attempt = 0; attempt < MOST_TRIES; attempt++) {
                String base = http.get((first + attempt) % http.size());
                try {
                    HttpResponse<String> reply = client.send(
                            HttpRequest.newBuilder(URI.create(base + "/api/orders/execute"))
                                    .timeout(Duration.ofSeconds(10))
                                    .header("Content-Type", "application/json")
                                    .header("Idempotency-Key", key)
                                    .POST(HttpRequest.BodyPublishers.ofString(ORDER)).build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (reply.statusCode() == 200 || reply.statusCode() == 201) {
                        String orderId = JSON.readTree(reply.body()).get("orderId").asText();
                        watches.add(ResumingWatcher.watch(client, ws, orderId, first + 1).done());
                        return;
                    }
                    failure = reply.statusCode() + " " + reply.body();
                } catch (IOException e) {
                    failure = e.toString();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    failure = "interrupted";
                    break;
                }
                pauseUntil(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100));
            }
            lost.put(key, failure);
        }

        /** Waits until at least {@code count} orders were accepted. */
        void awaitAtLeast(int count) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (watches.size() < count && System.nanoTime() < deadline) {
                pauseUntil(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100));
            }
        }

        /** Stops submitting and waits for the submits under way (each gives up after its tries). */
        void stop(Thread load) throws InterruptedException {
            stopped.set(true);
            load.join(Duration.ofSeconds(5));
            for (Thread submit : submits) {
                submit.join(Duration.ofSeconds(30));
            }
        }

        private static void pauseUntil(long nanoTime) {
            long left = nanoTime - System.nanoTime();
            if (left > 0) {
                try {
                    Thread.sleep(Duration.ofNanos(left));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        List<CompletableFuture<ResumingWatcher>> watches() {
            return List.copyOf(watches);
        }

        List<String> lost() {
            return lost.entrySet().stream().map(entry -> entry.getKey() + ": " + entry.getValue()).toList();
        }
    }
}
