package io.orderstream.distributed;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.orderstream.testing.PrometheusText;
import io.orderstream.testing.RestClient;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Stand-alone worker processes serve {@code /observe/health} and {@code /observe/metrics} on
 * ports of their own: two on one machine with the default settings (each takes a free port and
 * logs it), ready while PostgreSQL and Redis answer, each showing the meters of the orders it
 * executed, while the gateway shows the submits.
 */
class WorkerObservabilityTest {
    private static final int ORDERS = 20;
    private static final String ORDER = "{\"tokenIn\":\"SOL\",\"tokenOut\":\"USDC\",\"amount\":1,\"slippage\":1}";
    private static final Pattern OBSERVE = Pattern.compile("health and metrics at (http://\\S+)/health");
    private static final Duration SETTLE = Duration.ofSeconds(60);

    @Test
    void eachWorkerServesItsHealthAndTheMetersOfWhatItExecuted() throws Exception {
        try (Cluster cluster = Cluster.on(Cluster.SHARED_REDIS, "workerobs")) {
            Cluster.GatewayNode gateway = cluster.gateways(1).getFirst();
            List<RestClient> workers = new ArrayList<>();
            for (NodeProcess worker : cluster.workers(2)) {
                workers.add(new RestClient(observeUrl(worker)));
            }
            RestClient rest = new RestClient(gateway.http());
            for (int i = 0; i < ORDERS; i++) {
                rest.submit(ORDER);
            }

            // Each order publishes six events (its pending one is only stored), a little after it is stored.
            long deadline = System.nanoTime() + SETTLE.toNanos();
            List<PrometheusText> scrapes = new ArrayList<>();
            while (sum(scrapes, "orderstream_orders_confirmed_total") < ORDERS
                    || sum(scrapes, "orderstream_events_published_total") < 6L * ORDERS) {
                if (System.nanoTime() > deadline) {
                    fail("The workers did not count " + ORDERS + " orders within " + SETTLE);
                }
                Thread.sleep(200);
                scrapes = scrapeAll(workers);
            }
            // Once more: a scrape reads its meters one after another, so the one that first showed
            // the counts may have read a step or an attempt before the last order recorded it.
            scrapes = scrapeAll(workers);
            assertThat("orders confirmed, as the workers count them",
                       sum(scrapes, "orderstream_orders_confirmed_total"), is((long) ORDERS));
            assertThat(sum(scrapes, "orderstream_events_published_total"), is(6L * ORDERS));
            for (PrometheusText worker : scrapes) {
                long executed = worker.count("orderstream_orders_confirmed_total");
                assertThat(worker.count("orderstream_order_step_seconds_count", "step", "routing"), is(executed));
                assertThat(worker.count("orderstream_submission_attempts_total"), is(executed));
                assertThat(worker.has("orderstream_orders_in_flight"), is(true));
                assertThat(worker.has("orderstream_queue_depth"), is(true));
                assertThat(worker.has("hikaricp_connections_active"), is(true));
                assertThat(worker.has("memory_usedHeap_bytes"), is(true));
                assertThat("submits are the gateway's", worker.has("orderstream_orders_submitted_total"), is(false));
            }

            PrometheusText gatewayMetrics = PrometheusText.parse(rest.get("/observe/metrics").text());
            assertThat(gatewayMetrics.count("orderstream_orders_submitted_total", "face", "rest"), is((long) ORDERS));
            assertThat("executions are the workers'", gatewayMetrics.has("orderstream_orders_confirmed_total"),
                       is(false));

            for (RestClient worker : workers) {
                RestClient.Reply ready = worker.get("/health/ready");
                assertThat(ready.text(), ready.status(), is(200));
                assertThat(check(ready.body(), "database"), is("UP"));
                assertThat(check(ready.body(), "redis"), is("UP"));
                assertThat(worker.get("/health/live").status(), is(200));
            }
        }
    }

    /** Where a worker serves, as it logs at start: its port was any free one. */
    private static String observeUrl(NodeProcess worker) throws Exception {
        Matcher logged = OBSERVE.matcher(worker.log());
        if (!logged.find()) {
            fail("Worker did not log where it serves health and metrics:\n" + worker.log());
        }
        return logged.group(1);
    }

    private static long sum(List<PrometheusText> scrapes, String counter) {
        return scrapes.stream().mapToLong(scrape -> scrape.count(counter)).sum();
    }

    private static List<PrometheusText> scrapeAll(List<RestClient> workers) throws Exception {
        List<PrometheusText> scrapes = new ArrayList<>();
        for (RestClient worker : workers) {
            scrapes.add(scrape(worker, "/metrics"));
        }
        return scrapes;
    }

    private static PrometheusText scrape(RestClient worker, String path) throws Exception {
        RestClient.Reply reply = worker.get(path);
        assertThat(reply.text(), reply.status(), is(200));
        return PrometheusText.parse(reply.text());
    }

    private static String check(JsonNode health, String name) {
        for (JsonNode check : health.path("checks")) {
            if (check.path("name").asText().equals(name)) {
                return check.path("status").asText();
            }
        }
        return "absent";
    }
}
