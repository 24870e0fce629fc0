package io.orderstream.abuse;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.time.Duration;

import io.orderstream.testing.RawHttp;
import io.orderstream.testing.RestClient;
import io.orderstream.testing.TestGateway;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

/**
 * Requests that break HTTP or JSON in small ways are the client's mistake: they get a 4xx problem
 * or a clean close, never a 500, and nothing is stored.
 */
class ProtocolJunkTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final String ORDER = "{\"tokenIn\":\"SOL\",\"tokenOut\":\"USDC\",\"amount\":1}";

    private static TestGateway gateway;
    private static RestClient rest;

    @BeforeAll
    static void start() {
        gateway = TestGateway.start();
        rest = new RestClient(gateway.http());
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @AfterEach
    void nothingWasStoredAndTheGatewayStillAnswers() throws Exception {
        assertThat(rest.get("/api/orders").body().get("orders").size(), is(0));
    }

    @Test
    void unknownCharsetIsRefusedAsTheClientsMistake() throws Exception {
        RestClient.Reply reply = rest.post(rest.request("/api/orders/execute")
                                                   .header("Content-Type", "application/json; charset=xxx-bogus")
                                                   .POST(HttpRequest.BodyPublishers.ofString(ORDER)));
        assertThat(reply.text(), reply.status(), anyOf(is(400), is(415)));
        assertThat(reply.contentType(), is("application/problem+json"));
        assertThat(reply.body().get("detail").asText(), containsString("xxx-bogus"));
    }

    @Test
    void illegalMethodTokenIsABadRequestOrAClose() throws IOException {
        RawHttp.Answer answer = RawHttp.exchange(gateway.port(), "G{T / HTTP/1.1\r\nHost: x\r\n\r\n", WAIT);
        assertThat(answer.text(), answer.status(), anyOf(is(400), is(0)));
        assertThat(answer.text(), answer.closed(), is(true));
        assertThat(answer.text(), not(containsString("500")));
        if (answer.status() == 400) {
            assertThat(answer.text(), containsString("application/problem+json"));
        }
    }

    @Test
    void http10RequestIsAnsweredAtOnce() throws IOException {
        // Helidon 4.5.0 serves HTTP/1.1 only; the client is told so instead of waiting in silence.
        RawHttp.Answer answer = RawHttp.exchange(gateway.port(), "GET /health HTTP/1.0\r\n\r\n", WAIT);
        assertThat(answer.text(), answer.status(), is(505));
        assertThat(answer.text(), containsString("application/problem+json"));
        assertThat(answer.body(), containsString("HTTP/1.1"));
        assertThat(answer.closed(), is(true));
    }

    @Test
    void bareLfRequestIsABadRequest() throws IOException {
        RawHttp.Answer answer = RawHttp.exchange(gateway.port(), "GET /health HTTP/1.1\nHost: x\n\n", WAIT);
        assertThat(answer.text(), answer.status(), is(400));
        assertThat(answer.text(), containsString("application/problem+json"));
        assertThat(answer.closed(), is(true));
    }

    @Test
    void wellFormedRequestLineStillReachesTheRoutes() throws IOException {
        RawHttp.Answer answer = RawHttp.exchange(gateway.port(),
                                                 "GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", WAIT);
        assertThat(answer.text(), answer.status(), is(200));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            // duplicate keys: which one counts is anyone's guess, so neither does
            "{\"tokenIn\":\"SOL\",\"tokenIn\":\"BONK\",\"tokenOut\":\"USDC\",\"amount\":1}",
            // trailing content: a second document
            "{\"tokenIn\":\"SOL\",\"tokenOut\":\"USDC\",\"amount\":1}{\"tokenIn\":\"SOL\"}",
            "{\"tokenIn\":\"SOL\",\"tokenOut\":\"USDC\",\"amount\":1} garbage",
            "{\"tokenIn\":\"SOL\",\"tokenOut\":\"USDC\",\"amount\":1}]"})
    void laxJsonIsRefused(String body) throws Exception {
        RestClient.Reply reply = rest.postJson("/api/orders/execute", body);
        assertThat(reply.text(), reply.status(), is(400));
        assertThat(reply.contentType(), is("application/problem+json"));
        assertThat(reply.body().get("type").asText(), is("urn:orderstream:problem:malformed-body"));
    }

    @ParameterizedTest
    // the dotless i and the long s upper-case to ASCII letters, even in Locale.ROOT
    @ValueSource(strings = {"W\u0131F", "\u017Fol", "U\u017FDC"})
    void lookAlikeTokenSymbolsAreRefused(String symbol) throws Exception {
        RestClient.Reply reply = rest.postJson("/api/orders/execute",
                                               "{\"tokenIn\":\"" + symbol + "\",\"tokenOut\":\"USDC\",\"amount\":1}");
        assertThat(reply.text(), reply.status(), is(400));
        assertThat(reply.body().get("errors").get(0).get("field").asText(), is("tokenIn"));
    }

    @Test
    void lookAlikeStatusFilterIsRefused() throws Exception {
        RestClient.Reply reply = rest.get("/api/orders?status=conf%C4%B1rmed");
        assertThat(reply.text(), reply.status(), is(400));
        assertThat(reply.contentType(), is("application/problem+json"));
    }
}
