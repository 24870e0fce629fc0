package io.orderstream.server;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.orderstream.proto.v1.ListOrdersRequest;
import io.orderstream.proto.v1.ListOrdersResponse;
import io.orderstream.proto.v1.OrderServiceGrpc;
import io.orderstream.testing.RestClient;
import io.orderstream.testing.TestGateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.rpc.BadRequest;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * List cursors are signed: a gateway pages with the tokens it gave, over REST and gRPC alike, and
 * refuses a forged or altered one (400 naming the parameter, INVALID_ARGUMENT with a field
 * violation) without changing anything. Gateways accept each other's tokens only with the same
 * {@code orderstream.cursor.secret}. All gateways here share one database, as in distributed mode.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PageTokenTest {
    private static final String ORDER = "{\"tokenIn\":\"SOL\",\"tokenOut\":\"USDC\",\"amount\":2,\"slippage\":0.5}";
    private static final String SECRET = "the cursor secret every gateway of this test shares";

    private final String database = "jdbc:h2:mem:pagetokens-" + UUID.randomUUID()
            + ";DB_CLOSE_DELAY=-1;DATABASE_TO_LOWER=TRUE";
    private final List<String> submitted = new ArrayList<>();
    private TestGateway gateway;
    private RestClient rest;
    private ManagedChannel channel;

    @BeforeAll
    void start() throws Exception {
        gateway = start(Map.of());
        rest = new RestClient(gateway.http());
        channel = gateway.helidonChannel();
        for (int i = 0; i < 5; i++) {
            submitted.add(rest.submit(ORDER));
        }
    }

    @AfterAll
    void stop() {
        gateway.close();
    }

    @Test
    void restAndGrpcPageWithTheTokensTheyGave() throws Exception {
        List<String> all = restIds(rest.get("/api/orders?pageSize=100").body());
        assertThat(new HashSet<>(all), is(new HashSet<>(submitted)));

        List<String> byCursor = new ArrayList<>();
        List<String> tokens = new ArrayList<>();
        String token = "";
        do {
            JsonNode page = rest.get("/api/orders?limit=2&cursor=" + token).body();
            byCursor.addAll(restIds(page));
            token = page.get("nextPageToken").asText();
            tokens.add(token);
        } while (!token.isEmpty());
        assertThat("the Node.js system's names, limit and cursor", byCursor, is(all));
        assertThat(tokens.size(), is(3));

        var stub = OrderServiceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);
        List<String> byPageToken = new ArrayList<>();
        String pageToken = "";
        do {
            ListOrdersResponse page = stub.listOrders(ListOrdersRequest.newBuilder().setPageSize(2)
                                                              .setPageToken(pageToken).build());
            page.getOrdersList().forEach(order -> byPageToken.add(order.getOrderId()));
            pageToken = page.getNextPageToken();
        } while (!pageToken.isEmpty());
        assertThat(byPageToken, is(all));

        ListOrdersResponse fromRestToken = stub.listOrders(ListOrdersRequest.newBuilder().setPageSize(2)
                                                                   .setPageToken(tokens.getFirst()).build());
        assertThat("one token, both faces", fromRestToken.getOrders(0).getOrderId(), is(all.get(2)));
    }

    @Test
    void forgedAndAlteredTokensAreRefusedAndChangeNothing() throws Exception {
        String before = rest.get("/api/orders?pageSize=100").text();
        String valid = rest.get("/api/orders?pageSize=2").body().get("nextPageToken").asText();
        List<String> refused = List.of(
                // What the unsigned cursor of an order looked like, and of a made-up one.
                base64(createdMs(submitted.getFirst()) + ":" + submitted.getFirst()),
                base64("123:someid"),
                flipByte(valid, 0),
                flipByte(valid, valid.length() / 2),
                valid.substring(0, valid.length() - 1) + (valid.endsWith("A") ? "B" : "A"));

        var stub = OrderServiceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);
        for (String token : refused) {
            for (String parameter : List.of("cursor", "pageToken")) {
                RestClient.Reply reply = rest.get("/api/orders?" + parameter + "=" + token);
                assertThat(token, reply.status(), is(400));
                assertThat(reply.contentType(), is("application/problem+json"));
                assertThat(reply.body().get("errors").get(0).get("field").asText(), is(parameter));
                assertThat(reply.body().get("detail").asText(), containsString(parameter + ": is not a page token"));
                assertThat(reply.text(), not(containsString("Exception")));
            }
            StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> stub.listOrders(
                    ListOrdersRequest.newBuilder().setPageToken(token).build()));
            assertThat(e.getStatus().getCode(), is(Status.Code.INVALID_ARGUMENT));
            BadRequest details = StatusProto.fromThrowable(e).getDetails(0).unpack(BadRequest.class);
            assertThat(details.getFieldViolations(0).getField(), is("page_token"));
        }
        assertThat("nothing changed", rest.get("/api/orders?pageSize=100").text(), is(before));
    }

    @Test
    void anotherGatewayAcceptsTheTokenOnlyWithTheSameSecret() throws Exception {
        String token = rest.get("/api/orders?pageSize=2").body().get("nextPageToken").asText();
        try (TestGateway other = start(Map.of())) {
            RestClient.Reply reply = new RestClient(other.http()).get("/api/orders?cursor=" + token);
            assertThat(reply.status(), is(400));
            assertThat("says why, and what to do", reply.body().get("detail").asText(),
                       containsString("every gateway needs the same orderstream.cursor.secret"));
        }

        Map<String, String> shared = Map.of("orderstream.cursor.secret", SECRET);
        try (TestGateway one = start(shared); TestGateway two = start(shared)) {
            RestClient restOne = new RestClient(one.http());
            JsonNode first = restOne.get("/api/orders?pageSize=2").body();
            String sharedToken = first.get("nextPageToken").asText();
            JsonNode onOne = restOne.get("/api/orders?pageSize=2&cursor=" + sharedToken).body();
            RestClient.Reply onTwo = new RestClient(two.http()).get("/api/orders?pageSize=2&cursor=" + sharedToken);
            assertThat(onTwo.text(), onTwo.status(), is(200));
            assertThat(restIds(onTwo.body()), is(restIds(onOne)));
            assertThat(restIds(onTwo.body()).getFirst(), not(is(restIds(first).getFirst())));
        }
    }

    private TestGateway start(Map<String, String> settings) {
        Map<String, String> all = new HashMap<>(settings);
        all.put("orderstream.worker.enabled", "false");
        all.put("orderstream.db.url", database);
        return TestGateway.start(all);
    }

    private long createdMs(String orderId) throws Exception {
        return Instant.parse(rest.get("/api/orders/" + orderId).body().get("createdAt").asText())
                .toEpochMilli();
    }

    private static List<String> restIds(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("orders").forEach(order -> ids.add(order.get("orderId").asText()));
        return ids;
    }

    private static String base64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String flipByte(String token, int index) {
        byte[] bytes = Base64.getUrlDecoder().decode(token);
        bytes[index % bytes.length] ^= 0x01;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
