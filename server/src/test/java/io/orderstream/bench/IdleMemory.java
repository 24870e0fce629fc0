package io.orderstream.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What an idle watch costs the gateway in memory, {@code ./bench.sh --mode=idle [options]}: for
 * each kind of watch it starts an embedded gateway (the built jar, as {@code run.sh} starts it)
 * whose mock DEXs are so slow that its orders stay open, submits some orders, opens watches of
 * them in steps and, at each step, takes the gateway's live heap by class with
 * {@code jcmd GC.class_histogram} and its resident memory. It prints, between the first step and
 * each later one, the bytes each added watch costs, and the classes that grew most.
 * <p>
 * Options: {@code --kinds=order-socket,ws,grpc,grpc-netty} (each kind on a fresh gateway),
 * {@code --connections=2000,10000} (watches held at each step), {@code --orders=100} (the watches
 * are spread over them), {@code --per-channel=100} (gRPC streams per HTTP/2 connection),
 * {@code --settle=20} (seconds between a full collection and the histogram: long enough for a
 * keep-alive ping to wake every connection, as in a gateway that has run a while, whose idle
 * connections' stacks are old and are copied anew on each wake-up).
 * <p>
 * Differences between steps leave out what every gateway holds anyway. Both the gateway and this
 * program hold one file descriptor per WebSocket: raise {@code ulimit -n} above the largest step.
 * It exits 0 when every step was measured, 1 when not, 2 on a bad argument.
 */
public final class IdleMemory {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ORDER = "{\"tokenIn\":\"SOL\",\"tokenOut\":\"USDC\",\"amount\":1,\"slippage\":1}";
    private static final String USAGE = "usage: ./bench.sh --mode=idle [--kinds=order-socket,ws,grpc,grpc-netty] "
            + "[--connections=2000,10000] [--orders=100] [--per-channel=100] [--settle=20]";
    // Mock DEXs 100,000 times slower than by default: an order waits hours for its first quote.
    private static final Map<String, String> ORDERS_STAY_OPEN = Map.of(
            "ORDERSTREAM_DEX_LATENCY_SCALE", "100000",
            "ORDERSTREAM_DEX_TIMEOUT_MILLIS", "80000000",
            "ORDERSTREAM_WORKER_CLAIM_MILLIS", "86400000");
    private static final Duration ATTACH_LIMIT = Duration.ofSeconds(180);
    private static final int TOP_CLASSES = 20;

    private IdleMemory() {
    }

    /**
     * Runs the measurement.
     *
     * @param args see the class comment
     */
    public static void main(String[] args) throws Exception {
        Map<String, String> given;
        List<IdleKind> kinds = new ArrayList<>();
        List<Integer> steps = new ArrayList<>();
        int orders;
        int perChannel;
        int settle;
        try {
            given = options(args);
            for (String name : given.getOrDefault("--kinds", "order-socket,ws,grpc,grpc-netty").split(",")) {
                kinds.add(IdleKind.named(name.strip())
                                  .orElseThrow(() -> new IllegalArgumentException("--kinds: unknown kind '" + name + "'")));
            }
            for (String step : given.getOrDefault("--connections", "2000,10000").split(",")) {
                steps.add(BenchOptions.positive("--connections", step.strip()));
            }
            if (steps.size() < 2 || !steps.equals(steps.stream().sorted().distinct().toList())) {
                throw new IllegalArgumentException("--connections wants at least two rising steps");
            }
            orders = BenchOptions.positive("--orders", given.getOrDefault("--orders", "100"));
            perChannel = BenchOptions.positive("--per-channel", given.getOrDefault("--per-channel", "100"));
            settle = BenchOptions.positive("--settle", given.getOrDefault("--settle", "20"));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        boolean complete = true;
        for (IdleKind kind : kinds) {
            complete &= measure(kind, steps, orders, perChannel, Duration.ofSeconds(settle), http);
        }
        System.exit(complete ? 0 : 1);
    }

    private static boolean measure(IdleKind kind, List<Integer> steps, int orderCount, int perChannel,
                                   Duration settle, HttpClient http) throws Exception {
        try (EmbeddedSetup setup = EmbeddedSetup.start(ORDERS_STAY_OPEN, http)) {
            Endpoint gateway = setup.gateways().getFirst();
            List<String> orders = new ArrayList<>();
            for (int i = 0; i < orderCount; i++) {
                orders.add(submit(http, gateway));
            }
            List<HeapHistogram> taken = new ArrayList<>();
            try (HeldConnections held = kind.hold(gateway, orders, perChannel)) {
                for (int step : steps) {
                    held.open(step - held.opened());
                    if (!awaitAttached(held, step)) {
                        System.out.printf("%s: only %d of %d watches attached within %d s (%d failed)%n", kind.label(),
                                          held.attached(), step, ATTACH_LIMIT.toSeconds(), held.failed());
                        return false;
                    }
                    HeapHistogram.collect(setup.pid());
                    Thread.sleep(settle.toMillis());
                    taken.add(HeapHistogram.of(setup.pid()));
                    System.out.printf("%s: %d watches on %d connections, live heap %.1f MB, RSS %.1f MB%n",
                                      kind.label(), held.attached(), held.connections(),
                                      taken.getLast().liveBytes() / 1e6, taken.getLast().rssBytes() / 1e6);
                }
                if (held.attached() != steps.getLast()) {
                    System.out.printf("%s: %d of %d watches were lost while held%n", kind.label(), held.attached(),
                                      steps.getLast());
                    return false;
                }
            }
            report(kind, steps, taken);
            return true;
        }
    }

    private static void report(IdleKind kind, List<Integer> steps, List<HeapHistogram> taken) {
        HeapHistogram first = taken.getFirst();
        for (int i = 1; i < taken.size(); i++) {
            int added = steps.get(i) - steps.getFirst();
            HeapHistogram now = taken.get(i);
            System.out.printf(Locale.ROOT, "%s: %d -> %d watches: live heap %.0f B per watch, RSS %.0f B per watch%n",
                              kind.label(), steps.getFirst(), steps.get(i),
                              (now.liveBytes() - first.liveBytes()) / (double) added,
                              (now.rssBytes() - first.rssBytes()) / (double) added);
        }
        List<HeapHistogram.Growth> grown = taken.getLast().grownSince(first, steps.getLast() - steps.getFirst());
        // Only the gateway's own classes, not the JDK objects they hold (maps' nodes, strings, locks).
        System.out.printf(Locale.ROOT, "%s: of which instances of io.orderstream classes %.0f B per watch%n",
                          kind.label(), grown.stream().filter(growth -> growth.name().startsWith("io.orderstream."))
                                  .mapToDouble(HeapHistogram.Growth::bytes).sum());
        System.out.printf("%s: classes that grew most, per watch (%d -> %d):%n", kind.label(), steps.getFirst(),
                          steps.getLast());
        grown.stream()
                .limit(TOP_CLASSES)
                .forEach(growth -> System.out.printf(Locale.ROOT, "  %8.0f B %6.2f x  %s%n", growth.bytes(),
                                                    growth.instances(), growth.name()));
    }

    private static boolean awaitAttached(HeldConnections held, int step) throws InterruptedException {
        long deadline = System.nanoTime() + ATTACH_LIMIT.toNanos();
        while (held.attached() < step) {
            if (System.nanoTime() > deadline || held.failed() > 0) {
                return false;
            }
            Thread.sleep(200);
        }
        return true;
    }

    private static String submit(HttpClient http, Endpoint gateway) throws IOException, InterruptedException {
        HttpResponse<String> reply = http.send(
                HttpRequest.newBuilder(URI.create(gateway.http() + "/api/orders/execute"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(ORDER))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        String orderId = reply.statusCode() == 200 ? JSON.readTree(reply.body()).path("orderId").asText("") : "";
        if (orderId.isEmpty()) {
            throw new IOException("submit: HTTP " + reply.statusCode() + " " + reply.body());
        }
        return orderId;
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> given = new LinkedHashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            String name = eq < 0 ? arg : arg.substring(0, eq);
            if (!List.of("--mode", "--kinds", "--connections", "--orders", "--per-channel", "--settle").contains(name)) {
                throw new IllegalArgumentException("unknown argument '" + arg + "'");
            }
            given.put(name, eq < 0 ? "" : arg.substring(eq + 1));
        }
        return given;
    }
}
