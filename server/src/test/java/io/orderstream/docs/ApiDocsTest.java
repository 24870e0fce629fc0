package io.orderstream.docs;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.orderstream.proto.v1.GetOrderRequest;
import io.orderstream.proto.v1.OrderServiceGrpc;
import io.orderstream.proto.v1.SubmitOrderRequest;
import io.orderstream.proto.v1.SubmitOrderResponse;
import io.orderstream.proto.v1.WatchOrderRequest;
import io.orderstream.testing.RestClient;
import io.orderstream.testing.TestGateway;
import io.orderstream.testing.WsRecorder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/**
 * The examples in {@code docs/API.md} are captured from a real run, not written by hand.
 * <p>
 * This test runs each documented exchange against a live gateway. With
 * {@code -Dorderstream.docs.write=true} it writes the captured messages into the
 * {@code <!-- captured:NAME -->} blocks of {@code docs/API.md}; otherwise it checks that every
 * block still has the shape (the JSON field names) of what the server answers today.
 */
class ApiDocsTest {
    private static final Path API_DOC = Path.of("..", "docs", "API.md");
    private static final Pattern BLOCK = Pattern.compile(
            "<!-- captured:([a-z0-9-]+) -->\\n```json\\n(.*?)```\\n<!-- /captured -->", Pattern.DOTALL);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Test
    void documentedExamplesMatchTheServer() throws Exception {
        Map<String, String> captured = capture();
        String doc = Files.readString(API_DOC, StandardCharsets.UTF_8);
        if (Boolean.getBoolean("orderstream.docs.write")) {
            Files.writeString(API_DOC, fill(doc, captured), StandardCharsets.UTF_8);
            return;
        }
        Matcher blocks = BLOCK.matcher(doc);
        List<String> seen = new ArrayList<>();
        while (blocks.find()) {
            String name = blocks.group(1);
            seen.add(name);
            assertThat("no capture named " + name, captured.containsKey(name), is(true));
            assertThat("fields of example " + name + " in docs/API.md (regenerate with -Dorderstream.docs.write=true)",
                       fields(JSON.readTree(blocks.group(2))), is(fields(JSON.readTree(captured.get(name)))));
        }
        assertThat("every capture is documented", new TreeSet<>(seen), is(new TreeSet<>(captured.keySet())));
    }

    private static Map<String, String> capture() throws Exception {
        Map<String, String> out = new LinkedHashMap<>();
        try (TestGateway gateway = TestGateway.start()) {
            RestClient rest = new RestClient(gateway.http());
            String body = "{\"tokenIn\":\"SOL\",\"tokenOut\":\"USDC\",\"amount\":10,\"slippage\":0.5}";
            RestClient.Reply submitted = rest.postJson("/api/orders/execute", body);
            out.put("rest-submit-request", pretty(JSON.readTree(body)));
            out.put("rest-submit-response", pretty(submitted.body()));
            String orderId = submitted.body().get("orderId").asText();

            try (WsRecorder ws = WsRecorder.connect(rest.http(), gateway.ws() + "/api/orders/status/" + orderId)) {
                out.put("ws-connection", pretty(ws.next()));
                out.put("ws-subscribed", pretty(ws.next()));
                List<JsonNode> events = ws.drainUntilClosed();
                for (JsonNode event : events) {
                    String name = "ws-event-" + event.get("type").asText() + "-" + event.get("progress").asInt();
                    out.putIfAbsent(name, pretty(event));
                }
            }
            try (WsRecorder ws = WsRecorder.connect(rest.http(), gateway.ws()
                    + "/api/orders/status/00000000-0000-4000-8000-000000000000")) {
                ws.next();
                out.put("ws-error", pretty(ws.next()));
            }
            out.put("rest-get-order", pretty(rest.get("/api/orders/" + orderId).body()));
            out.put("rest-events", pretty(rest.get("/api/orders/" + orderId + "/events?afterSeq=5").body()));
            out.put("rest-list", pretty(rest.get("/api/orders?pageSize=1").body()));
            out.put("rest-cancel-conflict", pretty(rest.post(rest.request("/api/orders/" + orderId + "/cancel")
                                                                     .POST(HttpRequest.BodyPublishers.noBody())).body()));
            out.put("rest-invalid-order", pretty(rest.postJson("/api/orders/execute",
                    "{\"tokenIn\":\"SOL\",\"tokenOut\":\"SOL\",\"amount\":-1}").body()));
            out.put("rest-not-found", pretty(rest.get("/api/orders/00000000-0000-4000-8000-000000000000").body()));

            try (WsRecorder ws = WsRecorder.connect(rest.http(), gateway.ws() + "/ws")) {
                out.put("multi-connection", pretty(ws.next()));
                ws.send("{\"op\":\"subscribe\",\"orderId\":\"" + orderId + "\",\"afterSeq\":6}");
                out.put("multi-subscribed", pretty(ws.next()));
                out.put("multi-event", pretty(ws.next()));
                out.put("multi-unsubscribed", pretty(ws.next()));
                ws.send("{\"op\":\"subscribe\",\"orderId\":\"00000000-0000-4000-8000-000000000000\"}");
                out.put("multi-error", pretty(ws.next()));
                ws.send("{\"op\":\"ping\"}");
                out.put("multi-pong", pretty(ws.next()));
            }

            ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", gateway.port())
                    .usePlaintext().build();
            try {
                var stub = OrderServiceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);
                SubmitOrderRequest request = SubmitOrderRequest.newBuilder().setTokenIn("SOL").setTokenOut("USDC")
                        .setAmount("10").setSlippage("0.5").build();
                SubmitOrderResponse response = stub.submitOrder(request);
                out.put("grpc-submit-request", proto(request));
                out.put("grpc-submit-response", proto(response));
                Iterator<io.orderstream.proto.v1.OrderEvent> stream = stub.watchOrder(
                        WatchOrderRequest.newBuilder().setOrderId(response.getOrderId()).setAfterSeq(2).build());
                out.put("grpc-watch-event", proto(stream.next()));
                stream.forEachRemaining(event -> { });
                out.put("grpc-order", proto(stub.getOrder(GetOrderRequest.newBuilder()
                                                                   .setOrderId(response.getOrderId()).build())));
                try {
                    stub.submitOrder(request.toBuilder().setAmount("-1").build());
                } catch (StatusRuntimeException e) {
                    com.google.rpc.Status status = StatusProto.fromThrowable(e);
                    out.put("grpc-invalid-argument", JSON.writeValueAsString(JSON.readTree(
                            JsonFormat.printer().usingTypeRegistry(JsonFormat.TypeRegistry.newBuilder()
                                    .add(com.google.rpc.BadRequest.getDescriptor()).build()).print(status)))
                            + "\n");
                }
            } finally {
                channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
        }
        return out;
    }

    private static String fill(String doc, Map<String, String> captured) {
        Matcher blocks = BLOCK.matcher(doc);
        StringBuilder filled = new StringBuilder();
        while (blocks.find()) {
            String name = blocks.group(1);
            String json = captured.getOrDefault(name, blocks.group(2));
            blocks.appendReplacement(filled, Matcher.quoteReplacement(
                    "<!-- captured:" + name + " -->\n```json\n" + json + "```\n<!-- /captured -->"));
        }
        blocks.appendTail(filled);
        return filled.toString();
    }

    private static TreeSet<String> fields(JsonNode json) {
        TreeSet<String> names = new TreeSet<>();
        collect("", json, names);
        return names;
    }

    private static void collect(String prefix, JsonNode json, TreeSet<String> names) {
        if (json.isObject()) {
            json.properties().forEach(field -> {
                names.add(prefix + field.getKey());
                collect(prefix + field.getKey() + ".", field.getValue(), names);
            });
        } else if (json.isArray() && !json.isEmpty()) {
            collect(prefix + "[].", json.get(0), names);
        }
    }

    private static String pretty(JsonNode json) throws IOException {
        return JSON.writeValueAsString(json) + "\n";
    }

    private static String proto(Message message) throws IOException {
        return JSON.writeValueAsString(JSON.readTree(JsonFormat.printer().print(message))) + "\n";
    }
}
