package io.orderstream.distributed;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.orderstream.testing.OrderTrace;
import io.orderstream.testing.OtlpReceiver;
import io.orderstream.testing.RestClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Across processes, as distributed mode runs: a gateway and a worker in JVMs of their own on
 * PostgreSQL and Redis, tracing switched on and configured as an operator would, with the standard
 * {@code OTEL_*} variables, exporting over OTLP/HTTP to a receiver in this test
 * ({@link OtlpReceiver}). The only thing that carries the trace from one process to the other is
 * the order queue's row. Both log in JSON: every line parses, and an order's lines carry its id,
 * its trace and its subject.
 */
class DistributedTracingTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ORDER = "{\"tokenIn\":\"SOL\",\"tokenOut\":\"USDC\",\"amount\":1,\"slippage\":1}";
    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String CALLER_SPAN = "00f067aa0ba902b7";
    private static final Duration SETTLE = Duration.ofSeconds(60);
    /**
     * The tests' small heaps, and the options of {@code run.sh} that keep the JDK from printing its
     * own warnings (Netty's use of Unsafe, native access) on stderr, which the log file also holds.
     */
    private static final List<String> JVM = Runtime.version().feature() >= 24
            ? List.of("-Xmx256m", "-XX:+UseSerialGC", "--enable-native-access=ALL-UNNAMED",
                      "--sun-misc-unsafe-memory-access=allow")
            : List.of("-Xmx256m", "-XX:+UseSerialGC", "--enable-native-access=ALL-UNNAMED");

    @Test
    void anOrderIsOneTraceFromGatewayToWorkerAndItsLogLinesCarryIt() throws Exception {
        try (OtlpReceiver receiver = OtlpReceiver.start();
             Cluster cluster = Cluster.on(Cluster.SHARED_REDIS, "tracing")
                     .with("ORDERSTREAM_TRACING_ENABLED", "true")
                     .with("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint())
                     .with("OTEL_BSP_SCHEDULE_DELAY", "100")
                     .with("ORDERSTREAM_LOG_FORMAT", "json")
                     .jvmArgs(JVM)) {
            Cluster.GatewayNode gateway = cluster.gateways(1).getFirst();
            NodeProcess worker = cluster.workers(1).getFirst();
            RestClient rest = new RestClient(gateway.http());
            RestClient.Reply reply = rest.post(rest.request("/api/orders/execute")
                                                       .header("Content-Type", "application/json")
                                                       .header("traceparent", "00-" + TRACE_ID + "-" + CALLER_SPAN
                                                               + "-01")
                                                       .POST(HttpRequest.BodyPublishers.ofString(ORDER)));
            assertThat(reply.text(), reply.status(), is(200));
            String orderId = reply.body().get("orderId").asText();

            // The worker ends its execution's span last; each process exports every 100 ms.
            long deadline = System.nanoTime() + SETTLE.toNanos();
            while (!exported(receiver.spans())) {
                if (System.nanoTime() > deadline) {
                    fail("The order's spans did not all arrive within " + SETTLE + ": " + receiver.spans()
                                 + "\n" + worker.log());
                }
                Thread.sleep(100);
            }
            OrderTrace.of(receiver.spans(), TRACE_ID).assertWhole(orderId, CALLER_SPAN, "POST /api/orders/execute",
                                                                  "orderstream-gateway", "orderstream-worker");

            assertThat(statesLogged(gateway.process(), orderId), contains("pending"));
            assertThat(statesLogged(worker, orderId), contains("routing", "building", "submitted", "confirmed"));
        }
    }

    /** The execution's span, and each of the order's publishes, has arrived. */
    private static boolean exported(List<OrderTrace.Span> spans) {
        return spans.stream().anyMatch(span -> span.name().equals("execute order"))
                && spans.stream().filter(span -> span.name().equals("publish")).count() >= 6;
    }

    /**
     * Reads a process's log as JSON lines (each must parse, as an object with the fields every line
     * has) and answers the statuses its state-change lines name for an order, each checked to
     * carry the order's trace and subject.
     */
    private static List<String> statesLogged(NodeProcess process, String orderId) throws IOException {
        List<String> states = new ArrayList<>();
        for (String line : process.log().split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode json;
            try {
                json = JSON.readTree(line);
            } catch (IOException e) {
                return fail("Not a JSON line in " + process + ": " + line, e);
            }
            for (String field : List.of("time", "level", "logger", "message")) {
                assertThat(field + " of " + line, json.get(field), notNullValue());
            }
            if (json.path("logger").asText().equals("io.orderstream.orders")
                    && json.path("orderId").asText().equals(orderId)) {
                assertThat(line, json.path("traceId").asText(), is(TRACE_ID));
                assertThat(line, json.path("subject").asText(), is("anonymous"));
                String message = json.get("message").asText();
                states.add(message.substring(("Order " + orderId + " ").length()).split("[ :]")[0]);
            }
        }
        return states;
    }
}
