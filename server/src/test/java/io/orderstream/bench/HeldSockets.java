package io.orderstream.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Idle WebSockets: each on {@code /api/orders/status/{orderId}}, or each on {@code /ws} with one
 * {@code subscribe}. The orders are spread over the sockets in turn. The sockets come from four
 * loopback addresses (127.0.0.1 to .4), one HTTP client each, so that tens of thousands of them
 * do not run out of the client's ephemeral ports.
 */
final class HeldSockets implements HeldConnections {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SOURCE_ADDRESSES = 4;
    // Handshakes in flight at once: more only queue in the gateway's accept backlog.
    private static final int OPENING = 200;

    private final Endpoint gateway;
    private final List<String> orders;
    private final boolean multi;
    private final List<HttpClient> clients = new ArrayList<>();
    private final ConcurrentLinkedQueue<CompletableFuture<WebSocket>> sockets = new ConcurrentLinkedQueue<>();
    private final Semaphore opening = new Semaphore(OPENING);
    private final AtomicInteger attached = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private int opened;

    /**
     * Prepares the clients; opens nothing yet.
     *
     * @param gateway where to connect
     * @param orders  the orders to watch, in turn
     * @param multi   true for {@code /ws}, false for the order's own socket
     */
    HeldSockets(Endpoint gateway, List<String> orders, boolean multi) throws UnknownHostException {
        this.gateway = gateway;
        this.orders = List.copyOf(orders);
        this.multi = multi;
        for (int i = 1; i <= SOURCE_ADDRESSES; i++) {
            clients.add(HttpClient.newBuilder()
                                .localAddress(InetAddress.getByName("127.0.0." + i))
                                .executor(Executors.newVirtualThreadPerTaskExecutor())
                                .build());
        }
    }

    @Override
    public void open(int count) throws InterruptedException {
        for (int i = 0; i < count; i++) {
            String orderId = orders.get(opened % orders.size());
            HttpClient client = clients.get(opened % clients.size());
            opened++;
            URI uri = URI.create(gateway.ws() + (multi ? "/ws" : "/api/orders/status/" + orderId));
            opening.acquire();
            CompletableFuture<WebSocket> socket = client.newWebSocketBuilder()
                    .connectTimeout(Duration.ofSeconds(30))
                    .buildAsync(uri, new Listener(orderId));
            socket.whenComplete((open, failure) -> {
                opening.release();
                if (failure != null) {
                    failed.incrementAndGet();
                }
            });
            sockets.add(socket);
        }
    }

    @Override
    public int opened() {
        return opened;
    }

    @Override
    public int attached() {
        return attached.get();
    }

    @Override
    public int failed() {
        return failed.get();
    }

    @Override
    public int connections() {
        return sockets.size();
    }

    @Override
    public void close() {
        for (CompletableFuture<WebSocket> socket : sockets) {
            socket.thenAccept(WebSocket::abort);
        }
        clients.forEach(HttpClient::shutdownNow);
    }

    /** One socket: attached by its {@code subscribed} message; the JDK calls it one call at a time. */
    private final class Listener implements WebSocket.Listener {
        private final String orderId;
        private final StringBuilder partial = new StringBuilder();
        private boolean subscribed;
        private boolean ended;

        private Listener(String orderId) {
            this.orderId = orderId;
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(Long.MAX_VALUE);
            if (multi) {
                webSocket.sendText("{\"op\":\"subscribe\",\"orderId\":\"" + orderId + "\"}", true);
            }
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String type;
                try {
                    type = JSON.readTree(partial.toString()).path("type").asText("");
                } catch (IOException e) {
                    type = "";
                }
                partial.setLength(0);
                if (!subscribed && "subscribed".equals(type)) {
                    subscribed = true;
                    attached.incrementAndGet();
                }
            }
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            end();
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            end();
        }

        private void end() {
            if (!ended) {
                ended = true;
                if (subscribed) {
                    attached.decrementAndGet();
                }
                failed.incrementAndGet();
            }
        }
    }
}
