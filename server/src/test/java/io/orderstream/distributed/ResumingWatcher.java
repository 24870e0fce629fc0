package io.orderstream.distributed;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A WebSocket watcher of one order as a careful client writes one: it keeps every event it is
 * given and, whenever its socket ends before the order does (a 1012 from a draining gateway, a
 * refused connect while one restarts), connects to the next gateway with {@code afterSeq} = the
 * last seq it holds. What it ends with shows whether the gateways let it see a gap or a repeat.
 * <p>
 * Its state is owned by the socket's listener thread (the JDK client delivers one callback at a
 * time per socket, and one socket is open at a time); {@link #done()} publishes it.
 */
final class ResumingWatcher {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Most connects in one life: a restart costs a few; far more means the gateways keep refusing. */
    private static final int MOST_CONNECTS = 40;
    private static final Duration PAUSE = Duration.ofMillis(200);
    private static final String RESTART = "close " + 1012;

    private final HttpClient http;
    private final List<String> gateways;
    private final String orderId;
    private final List<Long> seqs = new ArrayList<>();
    private final List<String> types = new ArrayList<>();
    /** How each connection that did not end the watch ended: a close code, or the failure. */
    private final List<String> breaks = new CopyOnWriteArrayList<>();
    private final CompletableFuture<ResumingWatcher> done = new CompletableFuture<>();
    private int connects;
    private int next;

    private ResumingWatcher(HttpClient http, List<String> gateways, String orderId, int first) {
        this.http = http;
        this.gateways = gateways;
        this.orderId = orderId;
        this.next = first;
    }

    /**
     * Starts watching.
     *
     * @param http     client whose WebSockets it opens
     * @param gateways WebSocket base URLs of every gateway, e.g. {@code ws://127.0.0.1:8080}
     * @param orderId  the order
     * @param first    index of the gateway it connects to first
     * @return the watcher
     */
    static ResumingWatcher watch(HttpClient http, List<String> gateways, String orderId, int first) {
        ResumingWatcher watcher = new ResumingWatcher(http, gateways, orderId, first);
        watcher.connect();
        return watcher;
    }

    /**
     * Completes when the order's socket closed with 1000 after its terminal event, or the watcher
     * gave up.
     *
     * @return this watcher, once done
     */
    CompletableFuture<ResumingWatcher> done() {
        return done;
    }

    /** The order watched. */
    String orderId() {
        return orderId;
    }

    /** Every seq received, in order of arrival, repeats included. */
    List<Long> seqs() {
        return List.copyOf(seqs);
    }

    /** The type of the last event received, or empty. */
    String lastType() {
        return types.isEmpty() ? "" : types.getLast();
    }

    /** How many times a gateway closed this watcher's socket with 1012 (Service Restart). */
    int restarts() {
        return (int) breaks.stream().filter(RESTART::equals).count();
    }

    /**
     * How each of its connections ended before the order did, in order: {@code "close 1012"},
     * another close code, or the failure to connect or to read.
     */
    List<String> breaks() {
        return List.copyOf(breaks);
    }

    private long lastSeq() {
        return seqs.isEmpty() ? 0 : seqs.getLast();
    }

    private void connect() {
        if (++connects > MOST_CONNECTS) {
            done.completeExceptionally(new AssertionError("watcher of " + orderId + " gave up after " + MOST_CONNECTS
                    + " connects; seqs " + seqs));
            return;
        }
        String url = gateways.get(next % gateways.size()) + "/api/orders/status/" + orderId + "?afterSeq=" + lastSeq();
        next++;
        http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                .buildAsync(URI.create(url), new Listener())
                .whenComplete((socket, failure) -> {
                    if (failure != null) {
                        breaks.add("connect: " + rootCause(failure));
                        reconnectSoon();
                    }
                });
    }

    private static String rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName();
    }

    private void reconnectSoon() {
        CompletableFuture.delayedExecutor(PAUSE.toMillis(), TimeUnit.MILLISECONDS).execute(this::connect);
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();
        private boolean ended;

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                try {
                    JsonNode message = JSON.readTree(text.toString());
                    if (message.has("seq")) {
                        seqs.add(message.get("seq").asLong());
                        types.add(message.get("type").asText());
                    }
                } catch (Exception e) {
                    done.completeExceptionally(new AssertionError("unreadable message for " + orderId + ": " + text, e));
                }
                text.setLength(0);
            }
            socket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket socket, int code, String reason) {
            if (code == 1000) {
                if (!ended) {
                    ended = true;
                    done.complete(ResumingWatcher.this);
                }
            } else {
                broken("close " + code);
            }
            return null;
        }

        @Override
        public void onError(WebSocket socket, Throwable error) {
            broken("error: " + rootCause(error));
        }

        private void broken(String how) {
            if (ended) {
                return;
            }
            ended = true;
            breaks.add(how);
            reconnectSoon();
        }
    }
}
