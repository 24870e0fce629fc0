package io.orderstream.docs;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.orderstream.testing.RestClient;
import io.orderstream.testing.TestGateway;
import io.orderstream.testing.Tokens;

import static io.orderstream.docs.AsyncApiContractTest.MULTI;
import static io.orderstream.docs.AsyncApiContractTest.ORDER_STATUS;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/**
 * The WebSocket traffic {@link AsyncApiContractTest} checks: both endpoints of three live
 * gateways (open; failing every order; in {@code jwt} mode without a worker, so orders stay
 * pending), opened at the addresses the AsyncAPI document gives, every message and refusal it
 * describes provoked, every message kept until the gateway closes the connection.
 */
final class WsScenario {
    private static final String UNKNOWN = "00000000-0000-4000-8000-000000000000";
    private static final String ORDER = "{\"tokenIn\":\"SOL\",\"tokenOut\":\"USDC\",\"amount\":10,\"slippage\":0.5}";
    private static final String PING = "{\"op\":\"ping\"}";

    private final WsCapture ws;
    private final AsyncApiDocument document;

    WsScenario(WsCapture ws, AsyncApiDocument document) {
        this.ws = ws;
        this.document = document;
    }

    /**
     * Runs it all.
     *
     * @param keys a directory for the jwt gateway's API key file
     */
    void run(Path keys) throws Exception {
        try (TestGateway open = TestGateway.start()) {
            openGateway(open);
        }
        try (TestGateway failing = TestGateway.start(Map.of("orderstream.dex.failure.rate", "1"))) {
            RestClient rest = new RestClient(failing.http());
            try (WsCapture.Socket socket = order(rest.http(), failing, rest.submit(ORDER), Map.of())) {
                socket.next("connection");
                socket.next("subscribed");
                assertThat(socket.closedWith(1000).getLast().path("type").asText(), is("failed"));
            }
        }
        Map<String, String> locked = new HashMap<>(Tokens.jwtMode(keys));
        locked.put("orderstream.worker.enabled", "false");
        locked.put("orderstream.ws.max.subscriptions", "2");
        List<WsCapture.Socket> open;
        try (TestGateway gateway = TestGateway.start(locked)) {
            open = lockedGateway(gateway);
        }
        // The gateway stopped with these two open: each is told to reconnect, as after a restart.
        for (WsCapture.Socket socket : open) {
            try (socket) {
                socket.closedWith(1012);
            }
        }
        Map<String, String> capped = new HashMap<>(Tokens.jwtMode(keys));
        capped.put("orderstream.worker.enabled", "false");
        capped.put("orderstream.limits.websockets", "1");
        capped.put("orderstream.limits.ws.subscriptions", "1");
        try (TestGateway gateway = TestGateway.start(capped)) {
            cappedGateway(gateway);
        }
    }

    private void openGateway(TestGateway gateway) throws Exception {
        RestClient rest = new RestClient(gateway.http());
        HttpClient http = rest.http();
        String id = rest.submit(ORDER);
        try (WsCapture.Socket socket = order(http, gateway, id, Map.of())) {
            socket.next("connection");
            socket.next("subscribed");
            assertThat(socket.closedWith(1000).getLast().path("type").asText(), is("confirmed"));
        }
        for (String[] refused : new String[][] {{UNKNOWN, "4404"}, {"not-an-id", "4400"}, {id + "?afterSeq=99", "4400"}}) {
            try (WsCapture.Socket socket = order(http, gateway, refused[0], Map.of())) {
                socket.next("connection");
                socket.next("error");
                socket.closedWith(Integer.parseInt(refused[1]));
            }
        }
        try (WsCapture.Socket socket = multi(http, gateway, "", Map.of())) {
            socket.next("connection");
            socket.send(PING);
            socket.next("pong");
            socket.sendInvalid("not json");
            socket.next("error");
            socket.sendInvalid("{\"op\":\"bogus\"}");
            socket.next("error");
            socket.send(subscribe("not-an-id"));
            socket.next("error");
            socket.send(subscribe(UNKNOWN));
            socket.next("error");
            for (String subscribe : List.of(subscribe(id), "{\"op\":\"subscribe\",\"orderId\":\"" + id + "\",\"afterSeq\":\"5\"}")) {
                socket.send(subscribe);
                socket.next("subscribed");
                while (!socket.next(null).path("type").asText().equals("unsubscribed")) {
                    // the order's events, then the end of its subscription
                }
            }
            socket.send(unsubscribe(id));
            socket.next("error");
            socket.sendInvalid("x".repeat(17 * 1024));
            socket.closedWith(1009);
        }
    }

    /** Refusals of jwt mode, subscriptions that stay open, a cancel seen live; two sockets left for the shutdown. */
    private List<WsCapture.Socket> lockedGateway(TestGateway gateway) throws Exception {
        RestClient rest = new RestClient(gateway.http());
        HttpClient http = rest.http();
        Map<String, String> owner = Map.of("X-Api-Key", Tokens.WRITE_KEY);
        String writeOnly = Tokens.token("trader-bot", "orders:write");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(rest.post(rest.request("/api/orders").header("Content-Type", "application/json")
                                      .header("X-Api-Key", Tokens.WRITE_KEY)
                                      .POST(HttpRequest.BodyPublishers.ofString(ORDER))).body().get("orderId").asText());
        }
        try (WsCapture.Socket socket = order(http, gateway, ids.get(0), owner)) {
            socket.next("connection");
            socket.next("subscribed");
            socket.next("pending");
            socket.send(PING);
            socket.next("pong");
            socket.sendInvalid("hello");
            socket.next("error");
            rest.post(rest.request("/api/orders/" + ids.get(0) + "/cancel").header("X-Api-Key", Tokens.WRITE_KEY)
                              .POST(HttpRequest.BodyPublishers.noBody()));
            socket.next("cancelled");
            socket.closedWith(1000);
        }
        try (WsCapture.Socket socket = order(http, gateway, ids.get(1), Map.of("Authorization", "Bearer " + writeOnly))) {
            socket.next("connection");
            socket.next("error");
            socket.closedWith(4403);
        }
        try (WsCapture.Socket socket = order(http, gateway, ids.get(1), owner)) {
            socket.next("connection");
            socket.next("subscribed");
            socket.next("pending");
            socket.sendInvalid("x".repeat(17 * 1024));
            socket.closedWith(1009);
        }
        try (WsCapture.Socket socket = multi(http, gateway, "", Map.of())) {
            socket.next("connection");
            socket.send(PING);
            socket.next("pong");
            socket.send("{\"op\":\"auth\",\"token\":\"" + Tokens.WRITE_KEY + "\"}");
            socket.next("authenticated");
            socket.send("{\"op\":\"auth\",\"token\":\"" + Tokens.WRITE_KEY + "\"}");
            socket.next("error");
            for (String subscribe : List.of(subscribe(ids.get(1)), subscribe(ids.get(2)))) {
                socket.send(subscribe);
                socket.next("subscribed");
                socket.next("pending");
                socket.send(subscribe);
                socket.next("error");
            }
            socket.send(subscribe(ids.get(0)));
            socket.next("error");
            socket.send(unsubscribe(ids.get(2)));
            socket.next("unsubscribed");
            socket.send(unsubscribe(ids.get(2)));
            socket.next("error");
        }
        try (WsCapture.Socket socket = multi(http, gateway, "?access_token=" + writeOnly, Map.of())) {
            socket.next("connection");
            socket.send(subscribe(ids.get(1)));
            socket.next("error");
        }
        try (WsCapture.Socket socket = multi(http, gateway, "", Map.of())) {
            socket.next("connection");
            socket.send(subscribe(ids.get(1)));
            socket.closedWith(4401);
        }
        WsCapture.Socket one = order(http, gateway, ids.get(2), owner);
        one.next("connection");
        one.next("subscribed");
        one.next("pending");
        WsCapture.Socket many = multi(http, gateway, "", Map.of("Authorization", "Bearer "
                + Tokens.token("trader-bot", "orders:read")));
        many.next("connection");
        many.send(subscribe(ids.get(1)));
        many.next("subscribed");
        many.next("pending");
        return List.of(one, many);
    }

    /** Callers past their caps: one WebSocket each, one {@code /ws} subscription each. */
    private void cappedGateway(TestGateway gateway) throws Exception {
        RestClient rest = new RestClient(gateway.http());
        HttpClient http = rest.http();
        Map<String, String> trader = Map.of("X-Api-Key", Tokens.WRITE_KEY);
        Map<String, String> bot = Map.of("Authorization",
                                         "Bearer " + Tokens.token("bot", "orders:read", "orders:write"));
        String tradersOrder = submit(rest, trader);
        List<String> botsOrders = List.of(submit(rest, bot), submit(rest, bot));
        try (WsCapture.Socket held = order(http, gateway, tradersOrder, trader)) {
            held.next("connection");
            held.next("subscribed");
            held.next("pending");
            try (WsCapture.Socket refused = order(http, gateway, tradersOrder, trader)) {
                refused.next("connection");
                refused.next("error");
                refused.closedWith(1008);
            }
        }
        try (WsCapture.Socket held = multi(http, gateway, "", bot)) {
            held.next("connection");
            held.send(subscribe(botsOrders.get(0)));
            held.next("subscribed");
            held.next("pending");
            held.send(subscribe(botsOrders.get(1)));
            held.next("error");
            try (WsCapture.Socket refused = multi(http, gateway, "", bot)) {
                refused.next("connection");
                refused.next("error");
                refused.closedWith(1008);
            }
        }
    }

    private static String submit(RestClient rest, Map<String, String> credential) throws Exception {
        HttpRequest.Builder request = rest.request("/api/orders").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(ORDER));
        credential.forEach(request::header);
        return rest.post(request).body().get("orderId").asText();
    }

    private WsCapture.Socket order(HttpClient http, TestGateway gateway, String orderId, Map<String, String> headers) {
        return ws.open(ORDER_STATUS, http, gateway.ws() + document.address(ORDER_STATUS).replace("{orderId}", orderId),
                       headers);
    }

    private WsCapture.Socket multi(HttpClient http, TestGateway gateway, String query, Map<String, String> headers) {
        return ws.open(MULTI, http, gateway.ws() + document.address(MULTI) + query, headers);
    }

    private static String subscribe(String orderId) {
        return "{\"op\":\"subscribe\",\"orderId\":\"" + orderId + "\",\"afterSeq\":0}";
    }

    private static String unsubscribe(String orderId) {
        return "{\"op\":\"unsubscribe\",\"orderId\":\"" + orderId + "\"}";
    }
}
