package io.orderstream.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What one benchmark run measures, from {@code ./bench.sh}'s arguments.
 *
 * @param mode        what is measured: orders per second, or one order's fan-out to many watchers
 * @param duration    throughput: how long each setup × client kind is measured, after its warm-up
 * @param concurrency throughput: orders in flight at once (closed loop: each finished order starts the next)
 * @param warmup      throughput: orders run unmeasured before the measurement starts
 * @param watchers    fan-out: watchers of the one order of a round
 * @param rounds      fan-out: orders, one after another, per setup × client kind
 * @param grpcPorts   fan-out: which gRPC ports the {@code WatchOrder} streams use
 * @param setups      which setups, in order: {@code embedded}, or {@code G+W} gateways + workers
 * @param clients     which client kinds, in order
 */
record BenchOptions(Mode mode, Duration duration, int concurrency, int warmup, int watchers, int rounds,
                    GrpcPorts grpcPorts, List<String> setups, List<ClientKind> clients) {
    /** How to call it, for the error message of a bad argument. */
    static final String USAGE = """
            usage: ./bench.sh [--mode=throughput] [--duration=S] [--concurrency=C] [--warmup=N] \
            [--setups=embedded,1+1,2+2] [--clients=rest,grpc]
                   ./bench.sh --mode=fanout [--watchers=W] [--rounds=R] [--grpc-ports=both|helidon|netty] \
            [--setups=embedded,1+1] [--clients=rest,grpc]""";
    private static final Pattern SETUP = Pattern.compile("embedded|[1-9][0-9]?\\+[1-9][0-9]?");
    private static final Set<String> THROUGHPUT_ONLY = Set.of("--duration", "--concurrency", "--warmup");
    private static final Set<String> FANOUT_ONLY = Set.of("--watchers", "--rounds", "--grpc-ports");

    /** What a run measures. */
    enum Mode {
        /** Orders per second and submit→terminal latency under a closed loop ({@link ClosedLoop}). */
        THROUGHPUT("throughput"),
        /** How one order's events reach many watchers of it ({@link FanOutTrial}). */
        FANOUT("fanout");

        private final String label;

        Mode(String label) {
            this.label = label;
        }

        /**
         * Its name on the command line.
         *
         * @return {@code throughput} or {@code fanout}
         */
        String label() {
            return label;
        }
    }

    /**
     * Reads the arguments; anything not given keeps its default: the throughput mode; for it
     * 20 s, 50 in flight, 3000 warm-up orders and every setup; for the fan-out mode 1000
     * watchers, 3 rounds, both gRPC ports, the embedded and the 1+1 setups; both client kinds.
     *
     * @param args {@code --name=value} arguments
     * @return the options
     * @throws IllegalArgumentException for an unknown argument, a bad value, or an argument of
     *                                  the other mode
     */
    static BenchOptions parse(String[] args) {
        Map<String, String> given = new LinkedHashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            String name = eq < 0 ? arg : arg.substring(0, eq);
            if (!name.equals("--mode") && !THROUGHPUT_ONLY.contains(name) && !FANOUT_ONLY.contains(name)
                    && !name.equals("--setups") && !name.equals("--clients")) {
                throw new IllegalArgumentException("unknown argument '" + arg + "'");
            }
            given.put(name, eq < 0 ? "" : arg.substring(eq + 1));
        }
        Mode mode = mode(given.getOrDefault("--mode", Mode.THROUGHPUT.label()));
        // An option of the other mode would be silently ignored: refuse it, so the run measures what was asked.
        Set<String> otherModes = mode == Mode.THROUGHPUT ? FANOUT_ONLY : THROUGHPUT_ONLY;
        for (String name : given.keySet()) {
            if (otherModes.contains(name)) {
                throw new IllegalArgumentException(name + " is not an option of --mode=" + mode.label());
            }
        }
        Duration duration = Duration.ofSeconds(given.containsKey("--duration")
                                                       ? positive("--duration", given.get("--duration")) : 20);
        int concurrency = given.containsKey("--concurrency") ? positive("--concurrency", given.get("--concurrency")) : 50;
        // The JIT needs some thousands of orders before the figures settle (the first 20 s of a fresh
        // JVM run at about half the speed of the next).
        int warmup = given.containsKey("--warmup") ? count("--warmup", given.get("--warmup")) : 3000;
        int watchers = given.containsKey("--watchers") ? positive("--watchers", given.get("--watchers")) : 1000;
        int rounds = given.containsKey("--rounds") ? positive("--rounds", given.get("--rounds")) : 3;
        GrpcPorts grpcPorts = given.containsKey("--grpc-ports") ? GrpcPorts.named(given.get("--grpc-ports"))
                : GrpcPorts.BOTH;
        // Fan-out rounds last seconds each (the order waits on slowed DEXs): two setups by default.
        List<String> setups = given.containsKey("--setups") ? setups(given.get("--setups"))
                : mode == Mode.THROUGHPUT ? List.of("embedded", "1+1", "2+2") : List.of("embedded", "1+1");
        List<ClientKind> clients = given.containsKey("--clients") ? clients(given.get("--clients"))
                : List.of(ClientKind.REST, ClientKind.GRPC);
        return new BenchOptions(mode, duration, concurrency, warmup, watchers, rounds, grpcPorts, setups, clients);
    }

    private static Mode mode(String value) {
        for (Mode mode : Mode.values()) {
            if (mode.label().equals(value)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("--mode: '" + value + "' is neither 'throughput' nor 'fanout'");
    }

    /**
     * A whole number above 0, from an argument of any of the bench programs.
     *
     * @param name  the argument, for the message
     * @param value its value
     * @return the number
     * @throws IllegalArgumentException when it is not one
     */
    static int positive(String name, String value) {
        int number = count(name, value);
        if (number == 0) {
            throw new IllegalArgumentException(name + " must be at least 1");
        }
        return number;
    }

    private static int count(String name, String value) {
        try {
            int number = Integer.parseInt(value);
            if (number >= 0) {
                return number;
            }
        } catch (NumberFormatException e) {
            // Reported below with the argument's name.
        }
        throw new IllegalArgumentException(name + " wants a whole number, got '" + value + "'");
    }

    private static List<String> setups(String value) {
        List<String> setups = new ArrayList<>();
        for (String setup : items("--setups", value)) {
            if (!SETUP.matcher(setup).matches()) {
                throw new IllegalArgumentException("--setups: '" + setup + "' is neither 'embedded' nor "
                                                           + "gateways+workers such as '2+2'");
            }
            setups.add(setup);
        }
        return List.copyOf(setups);
    }

    private static List<ClientKind> clients(String value) {
        List<ClientKind> clients = new ArrayList<>();
        for (String client : items("--clients", value)) {
            clients.add(ClientKind.named(client)
                                .orElseThrow(() -> new IllegalArgumentException(
                                        "--clients: '" + client + "' is neither 'rest' nor 'grpc'")));
        }
        return List.copyOf(clients);
    }

    private static List<String> items(String name, String value) {
        List<String> items = new ArrayList<>();
        for (String item : value.split(",")) {
            if (!item.isBlank()) {
                items.add(item.strip());
            }
        }
        if (items.isEmpty()) {
            throw new IllegalArgumentException(name + " wants at least one value");
        }
        return items;
    }
}
