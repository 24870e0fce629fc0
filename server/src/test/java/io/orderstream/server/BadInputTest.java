package io.orderstream.server;

import java.net.http.HttpRequest;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.orderstream.proto.v1.GetOrderRequest;
import io.orderstream.proto.v1.OrderServiceGrpc;
import io.orderstream.proto.v1.SubmitOrderRequest;
import io.orderstream.proto.v1.WatchOrderRequest;
import io.orderstream.testing.RestClient;
import io.orderstream.testing.TestGateway;
import io.orderstream.testing.WsRecorder;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.rpc.BadRequest;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Bad input gets a clear error on every face and changes nothing.
 */
class BadInputTest {
    private static final String UNKNOWN_ID = "00000000-0000-4000-8000-000000000000";

    private static TestGateway gateway;
    private static RestClient rest;
    private static ManagedChannel channel;

    @BeforeAll
    static void start() {
        gateway = TestGateway.start();
        rest = new RestClient(gateway.http());
        channel = gateway.helidonChannel();
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @AfterEach
    void nothingWasStored() throws Exception {
        assertThat(rest.get("/api/orders").body().get("orders").size(), is(0));
    }

    static Stream<Arguments> badOrders() {
        return Stream.of(
                Arguments.of("{\"tokenOut\":\"USDC\",\"amount\":10}", "tokenIn", "is required"),
                Arguments.of("{\"tokenIn\":\"DOGE\",\"tokenOut\":\"USDC\",\"amount\":10}", "tokenIn", "unknown token"),
                Arguments.of("{\"tokenIn\":\"SOL\",\"tokenOut\":\"sol\",\"amount\":10}", "tokenOut", "must differ"),
                Arguments.of("{\"tokenIn\":\"SOL\",\"tokenOut\":\"USDC\",\"amount\":0}", "amount", "greater than 0"),
                Arguments.of("{\"tokenIn\":\"SOL\",\"tokenOut\":\"USDC\",\"amount\":-5}", "amount", "greater than 0"),
                Arguments.of("{\"tokenIn\":\"SOL\",\"tokenOut\":\"USDC\",\"amount\":\"ten\"}", "amount", "decimal number"),
                Arguments.of("{\"tokenIn\":\"SOL\",\"tokenOut\":\"USDC\",\"amount\":true}", "amount", "decimal number"),
                Arguments.of("{\"tokenIn\":\"SOL\",\"tokenOut\":\"USDC\"}", "amount", "is required"),
                Arguments.of("{\"tokenIn\":\"SOL\",\"tokenOut\":\"USDC\",\"amount\":1e400}", "amount", "at most"),
                Arguments.of("{\"tokenIn\":\"SOL\",\"tokenOut\":\"USDC\",\"amount\":"
                                     + "123456789012345678901234567890123456789012345}", "amount", "too long"),
                Arguments.of("{\"tokenIn\":\"SOL\",\"tokenOut\":\"USDC\",\"amount\":1,\"slippage\":51}",
                             "slippage", "from 0 to 50"),
                Arguments.of("{\"tokenIn\":\"SOL\",\"tokenOut\":\"USDC\",\"amount\":1,\"slippage\":-0.1}",
                             "slippage", "from 0 to 50"));
    }

    @ParameterizedTest
    @MethodSource("badOrders")
    void restRefusesBadOrdersWithProblemDetails(String body, String field, String reason) throws Exception {
        RestClient.Reply reply = rest.postJson("/api/orders/execute", body);
        assertThat(reply.text(), reply.status(), is(400));
        assertThat(reply.contentType(), is("application/problem+json"));
        assertThat(reply.body().get("status").asInt(), is(400));
        assertThat(reply.body().get("errors").get(0).get("field").asText(), is(field));
        assertThat(reply.body().get("detail").asText(), containsString(reason));
        assertThat(reply.text(), not(containsString("Exception")));
    }

    @Test
    void restRefusesMalformedJson() throws Exception {
        // the last: an exponent beyond a BigDecimal's, which Jackson reports unlike other bad JSON
        for (String body : new String[] {"{\"tokenIn\":", "[1,2]", "null", "not json",
                "{\"tokenIn\":\"SOL\",\"tokenOut\":\"USDC\",\"amount\":1e-2147483649}"}) {
            RestClient.Reply reply = rest.postJson("/api/orders", body);
            assertThat(body, reply.status(), is(400));
            assertThat(reply.contentType(), is("application/problem+json"));
            assertThat(reply.body().get("type").asText(), is("urn:orderstream:problem:malformed-body"));
        }
    }

    @Test
    void restRefusesBodiesThatAreNotJson() throws Exception {
        RestClient.Reply reply = rest.post(rest.request("/api/orders/execute")
                                                   .header("Content-Type", "text/plain")
                                                   .POST(HttpRequest.BodyPublishers.ofString("SOL USDC 10")));
        assertThat(reply.status(), is(415));
        assertThat(reply.contentType(), is("application/problem+json"));
    }

    @Test
    void restRefusesBodiesWithoutContentType() throws Exception {
        // What a foreign page can send cross-site without asking first; JSON must say it is JSON.
        RestClient.Reply reply = rest.post(rest.request("/api/orders/execute")
                                                   .POST(HttpRequest.BodyPublishers.ofString(
                                                           "{\"tokenIn\":\"SOL\",\"tokenOut\":\"USDC\",\"amount\":1}")));
        assertThat(reply.status(), is(415));
        assertThat(reply.contentType(), is("application/problem+json"));
        assertThat(reply.body().get("detail").asText(), containsString("Content-Type: application/json"));
    }

    @Test
    void restRefusesOversizedBodies() throws Exception {
        String padding = "x".repeat(64 * 1024);
        // As careful clients send large bodies: the server refuses on the headers, before any of
        // the body is sent. Without it the server's early 413 and close can race the client's
        // writing, and the client sees a reset instead of the answer.
        RestClient.Reply reply = rest.post(rest.request("/api/orders/execute")
                                                   .header("Content-Type", "application/json")
                                                   .expectContinue(true)
                                                   .POST(HttpRequest.BodyPublishers.ofString(
                                                           "{\"tokenIn\":\"SOL\",\"tokenOut\":\"USDC\","
                                                                   + "\"amount\":1,\"note\":\"" + padding + "\"}")));
        assertThat(reply.status(), is(413));
        assertThat(reply.contentType(), is("application/problem+json"));
    }

    @Test
    void restAnswersUnknownAndMalformedIds() throws Exception {
        RestClient.Reply unknown = rest.get("/api/orders/" + UNKNOWN_ID);
        assertThat(unknown.status(), is(404));
        assertThat(unknown.contentType(), is("application/problem+json"));
        RestClient.Reply malformed = rest.get("/api/orders/not-an-id");
        assertThat(malformed.status(), is(400));
        assertThat(malformed.body().get("errors").get(0).get("field").asText(), is("orderId"));
    }

    @Test
    void grpcRefusesBadOrdersWithFieldViolations() throws Exception {
        var stub = OrderServiceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> stub.submitOrder(
                SubmitOrderRequest.newBuilder().setTokenIn("SOL").setTokenOut("SOL").setAmount("-1").build()));
        assertThat(e.getStatus().getCode(), is(Status.Code.INVALID_ARGUMENT));
        BadRequest details = StatusProto.fromThrowable(e).getDetails(0).unpack(BadRequest.class);
        assertThat(details.getFieldViolationsCount(), is(2));
        assertThat(details.getFieldViolations(0).getField(), is("token_out"));
        assertThat(details.getFieldViolations(1).getField(), is("amount"));
    }

    @Test
    void grpcAnswersUnknownAndMalformedIds() throws Exception {
        var stub = OrderServiceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);
        StatusRuntimeException unknown = assertThrows(StatusRuntimeException.class, () -> stub.getOrder(
                GetOrderRequest.newBuilder().setOrderId(UNKNOWN_ID).build()));
        assertThat(unknown.getStatus().getCode(), is(Status.Code.NOT_FOUND));
        StatusRuntimeException malformed = assertThrows(StatusRuntimeException.class, () -> stub.watchOrder(
                WatchOrderRequest.newBuilder().setOrderId("42").build()).hasNext());
        assertThat(malformed.getStatus().getCode(), is(Status.Code.INVALID_ARGUMENT));
        StatusRuntimeException unknownWatch = assertThrows(StatusRuntimeException.class, () -> stub.watchOrder(
                WatchOrderRequest.newBuilder().setOrderId(UNKNOWN_ID).build()).hasNext());
        assertThat(unknownWatch.getStatus().getCode(), is(Status.Code.NOT_FOUND));
        assertThat(unknownWatch.getStatus().getDescription(), containsString(UNKNOWN_ID));
    }

    @Test
    void webSocketMessageWithANumberBeyondADecimalIsAnErrorNotAClose() throws Exception {
        try (WsRecorder ws = WsRecorder.connect(rest.http(), gateway.ws() + "/ws")) {
            assertThat(ws.next().get("type").asText(), is("connection"));
            ws.send("{\"op\":\"subscribe\",\"orderId\":\"" + UNKNOWN_ID + "\",\"afterSeq\":0e-2147483648}");
            JsonNode error = ws.next();
            assertThat(error.toString(), error.get("code").asText(), is("malformed"));
            ws.send("{\"op\":\"ping\"}");
            assertThat(ws.next().get("type").asText(), is("pong"));
            assertThat(ws.isClosed(), is(false));
        }
    }

    @Test
    void webSocketToUnknownOrMalformedOrderIsToldWhyThenClosed() throws Exception {
        try (WsRecorder unknown = WsRecorder.connect(rest.http(), gateway.ws() + "/api/orders/status/" + UNKNOWN_ID)) {
            assertThat(unknown.next().get("type").asText(), is("connection"));
            JsonNode error = unknown.next();
            assertThat(error.toString(), error.get("type").asText(), is("error"));
            assertThat(error.toString(), error.get("code").asText(), is("not-found"));
            assertThat(error.toString(), error.get("orderId").asText(), is(UNKNOWN_ID));
            assertThat(error.toString(), error.get("message").asText(), containsString("not found"));
            WsRecorder.Closed closed = unknown.awaitClose();
            assertThat(closed.code(), is(4404));
            assertThat(closed.reason(), containsString("not found"));
        }
        try (WsRecorder malformed = WsRecorder.connect(rest.http(), gateway.ws() + "/api/orders/status/nope")) {
            assertThat(malformed.next().get("type").asText(), is("connection"));
            JsonNode error = malformed.next();
            assertThat(error.toString(), error.get("type").asText(), is("error"));
            assertThat(error.toString(), error.get("code").asText(), is("invalid"));
            assertThat(error.toString(), error.get("message").asText(), containsString("orderId"));
            WsRecorder.Closed closed = malformed.awaitClose();
            assertThat(closed.code(), is(4400));
            assertThat(closed.reason(), containsString("orderId"));
        }
    }
}
