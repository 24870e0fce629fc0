package io.orderstream.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The floor of a fan-out measurement on this machine: a server that speaks just enough of the
 * gateway's contract for a fan-out client ({@code POST /api/orders/execute}, the WebSocket
 * {@code /api/orders/status/{id}} with its {@code subscribed} message, then six lifecycle events
 * shaped as the gateway's) and does nothing else. No store, no bus, no framework: each event is
 * encoded once, as one frame, and written to every watcher from one thread, one socket write
 * each. What a client measures against it is its own receive work and the kernel's, which no
 * server can go below on the same machine; read the gateway's fan-out figures against it.
 * <p>
 * {@code ./bench.sh --mode=floor [--port=8080] [--orders=3] [--delay-ms=3000] [--gap-ms=300]}:
 * listens on 127.0.0.1; each submit's events start {@code delay-ms} after it (so the watchers can
 * attach first) and follow each other {@code gap-ms} apart. It prints, per event, how long its
 * writes took, and stops by itself once {@code orders} orders have sent their last event, or when
 * two minutes pass without a submit.
 * <p>
 * Concurrency: each connection has a virtual thread that reads it; an order's events are sent
 * by one thread of its own. A watcher's stream is written under its own monitor, so its
 * {@code subscribed} and the events never interleave. {@code watchers} maps an order to the
 * streams of its attached watchers (added and removed by their reading threads).
 */
public final class FloorServer {
    private static final String USAGE =
            "usage: ./bench.sh --mode=floor [--port=8080] [--orders=3] [--delay-ms=3000] [--gap-ms=300]";
    private static final long IDLE_LIMIT_NANOS = TimeUnit.MINUTES.toNanos(2);
    private static final String WS_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private static final String STATUS_PATH = "/api/orders/status/";
    private static final String[][] STEPS = {
            {"routing", "10", "Fetching quotes from 2 DEXs..."},
            {"routing", "30", "Received 2 quotes; best is raydium with 1515.777721761 USDC after fees"},
            {"building", "50", "Building transaction on raydium..."},
            {"building", "70", "Transaction built with a minimum out of 1508.198833152 USDC"},
            {"submitted", "80", "Transaction submitted to raydium"},
            {"confirmed", "100", "Transaction confirmed"}};

    private final Map<String, List<OutputStream>> watchers = new ConcurrentHashMap<>();
    private final AtomicInteger ordersLeft;
    private final long delayMillis;
    private final long gapMillis;
    private final ServerSocket listener;
    private volatile long lastSubmit = System.nanoTime();

    /**
     * Binds the listener on 127.0.0.1.
     *
     * @param port        the port, 0 for any free one
     * @param orders      orders to send events for before stopping
     * @param delayMillis from a submit to its first event
     * @param gapMillis   between an order's events
     * @throws IOException when the port cannot be bound
     */
    FloorServer(int port, int orders, long delayMillis, long gapMillis) throws IOException {
        this.ordersLeft = new AtomicInteger(orders);
        this.delayMillis = delayMillis;
        this.gapMillis = gapMillis;
        this.listener = new ServerSocket();
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 4096);
    }

    /**
     * Runs the server until its orders are done.
     *
     * @param args {@code --port=}, {@code --orders=}, {@code --delay-ms=}, {@code --gap-ms=}
     * @throws IOException when the port cannot be bound
     */
    public static void main(String[] args) throws IOException {
        Map<String, String> given = new LinkedHashMap<>();
        FloorServer server;
        try {
            for (String arg : args) {
                int eq = arg.indexOf('=');
                String name = eq < 0 ? arg : arg.substring(0, eq);
                if (!List.of("--mode", "--port", "--orders", "--delay-ms", "--gap-ms").contains(name)) {
                    throw new IllegalArgumentException("unknown argument '" + arg + "'");
                }
                given.put(name, eq < 0 ? "" : arg.substring(eq + 1));
            }
            server = new FloorServer(number(given, "--port", 8080), number(given, "--orders", 3),
                                     number(given, "--delay-ms", 3000), number(given, "--gap-ms", 300));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        System.out.println("Floor server on http://127.0.0.1:" + server.port());
        server.serve();
    }

    private static int number(Map<String, String> given, String name, int otherwise) {
        String value = given.get(name);
        return value == null ? otherwise : BenchOptions.positive(name, value);
    }

    /**
     * The port it listens on.
     *
     * @return the port
     */
    int port() {
        return listener.getLocalPort();
    }

    /**
     * Serves until its orders have sent their last event.
     *
     * @throws IOException when accepting fails while the listener is open
     */
    void serve() throws IOException {
        Thread.ofPlatform().name("floor-idle-limit").daemon().start(this::closeWhenIdle);
        try (listener) {
            while (true) {
                Socket socket;
                try {
                    socket = listener.accept();
                } catch (IOException e) {
                    if (listener.isClosed()) {
                        return;
                    }
                    throw e;
                }
                socket.setTcpNoDelay(true);
                Thread.ofVirtual().name("floor-connection").start(() -> serve(socket));
            }
        }
    }

    /** One connection: HTTP/1.1 requests until it upgrades to a WebSocket or ends. */
    private void serve(Socket socket) {
        try (socket) {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            while (true) {
                String requestLine = readLine(in);
                if (requestLine == null) {
                    return;
                }
                String[] parts = requestLine.split(" ");
                Map<String, String> headers = readHeaders(in);
                long length;
                try {
                    length = Long.parseLong(headers.getOrDefault("content-length", "0"));
                } catch (NumberFormatException e) {
                    respond(out, 400, "{\"title\":\"Bad Request\",\"status\":400}");
                    return;
                }
                in.skipNBytes(length);
                String path = parts.length > 1 ? parts[1] : "/";
                if (path.startsWith(STATUS_PATH) && headers.containsKey("sec-websocket-key")) {
                    watch(path.substring(STATUS_PATH.length()), headers.get("sec-websocket-key"), in, out);
                    return;
                }
                if ("POST".equals(parts[0]) && path.equals("/api/orders/execute")) {
                    respond(out, 201, "{\"orderId\":\"" + submit() + "\",\"status\":\"pending\"}");
                } else {
                    respond(out, 404, "{\"title\":\"Not Found\",\"status\":404}");
                }
            }
        } catch (IOException e) {
            // The client went away; nothing to tell it.
        }
    }

    private String submit() {
        lastSubmit = System.nanoTime();
        String orderId = UUID.randomUUID().toString();
        watchers.put(orderId, new CopyOnWriteArrayList<>());
        Thread.ofPlatform().name("floor-order").start(() -> sendEvents(orderId));
        return orderId;
    }

    private void watch(String orderId, String key, InputStream in, OutputStream out) throws IOException {
        List<OutputStream> ofOrder = watchers.get(orderId);
        out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: " + acceptKey(key) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        if (ofOrder == null) {
            out.write(new byte[] {(byte) 0x88, 2, 0x0f, (byte) 0xa0}); // 4000: no such order
            return;
        }
        synchronized (out) {
            out.write(frame("{\"type\":\"subscribed\",\"orderId\":\"" + orderId + "\",\"afterSeq\":0}"));
        }
        ofOrder.add(out);
        try {
            // Until the client sends anything (its close, once it has the terminal event) or goes away.
            in.read();
        } finally {
            ofOrder.remove(out);
        }
    }

    private void sendEvents(String orderId) {
        List<OutputStream> ofOrder = watchers.get(orderId);
        try {
            Thread.sleep(delayMillis);
            for (int i = 0; i < STEPS.length; i++) {
                String[] step = STEPS[i];
                byte[] frame = frame("{\"type\":\"" + step[0] + "\",\"orderId\":\"" + orderId + "\",\"seq\":" + (i + 2)
                                             + ",\"progress\":" + step[1] + ",\"message\":\"" + step[2]
                                             + "\",\"timestamp\":\"" + Instant.now() + "\"}");
                long start = System.nanoTime();
                int written = 0;
                for (OutputStream out : ofOrder) {
                    try {
                        synchronized (out) {
                            out.write(frame);
                        }
                        written++;
                    } catch (IOException e) {
                        // That watcher left; the others still get the event.
                    }
                }
                System.out.printf(Locale.ROOT, "order %s seq %d: %d writes in %.2f ms%n", orderId, i + 2, written,
                                  (System.nanoTime() - start) / 1e6);
                Thread.sleep(gapMillis);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            watchers.remove(orderId);
            if (ordersLeft.decrementAndGet() == 0) {
                closeListener();
            }
        }
    }

    /** Stops the server when no submit came for a while: it must not outlive a client that gave up. */
    private void closeWhenIdle() {
        try {
            while (!listener.isClosed()) {
                Thread.sleep(1000);
                if (System.nanoTime() - lastSubmit > IDLE_LIMIT_NANOS && watchers.isEmpty()) {
                    System.out.println("No submit for two minutes; stopping");
                    closeListener();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void closeListener() {
        try {
            listener.close();
        } catch (IOException e) {
            System.err.println("Closing the listener failed: " + e);
        }
    }

    private static void respond(OutputStream out, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        String reason = switch (status) {
        case 201 -> " Created";
        case 400 -> " Bad Request";
        default -> " Not Found";
        };
        out.write(("HTTP/1.1 " + status + reason
                + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
                          .getBytes(StandardCharsets.US_ASCII));
        out.write(body);
    }

    /** One unmasked, final text frame, as a server sends it; the messages here are far under 64 KiB. */
    private static byte[] frame(String text) {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 4);
        frame.write(0x81);
        if (payload.length < 126) {
            frame.write(payload.length);
        } else {
            frame.write(126);
            frame.write(payload.length >>> 8);
            frame.write(payload.length & 0xff);
        }
        frame.writeBytes(payload);
        return frame.toByteArray();
    }

    private static String acceptKey(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest((key + WS_GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has SHA-1", e);
        }
    }

    private static Map<String, String> readHeaders(InputStream in) throws IOException {
        Map<String, String> headers = new HashMap<>();
        String line;
        while ((line = readLine(in)) != null && !line.isEmpty()) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            }
        }
        return headers;
    }

    /** A CRLF-ended line, without its end; null at the end of the stream. */
    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\n') {
                int last = line.length() - 1;
                return last >= 0 && line.charAt(last) == '\r' ? line.substring(0, last) : line.toString();
            }
            line.append((char) c);
        }
        return line.isEmpty() ? null : line.toString();
    }
}
