package io.orderstream.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What one benchmark run measures, from {@code ./bench.sh}'s arguments.
 *
 * @param duration    how long each setup × client kind is measured, after its warm-up
 * @param concurrency orders in flight at once (closed loop: each finished order starts the next)
 * @param warmup      orders run unmeasured before the measurement starts
 * @param setups      which setups, in order: {@code embedded}, or {@code G+W} gateways + workers
 * @param clients     which client kinds, in order
 */
record BenchOptions(Duration duration, int concurrency, int warmup, List<String> setups, List<ClientKind> clients) {
    /** How to call it, for the error message of a bad argument. */
    static final String USAGE = "usage: ./bench.sh [--duration=S] [--concurrency=C] [--warmup=N] "
            + "[--setups=embedded,1+1,2+2] [--clients=rest,grpc]";
    private static final Pattern SETUP = Pattern.compile("embedded|[1-9][0-9]?\\+[1-9][0-9]?");

    /**
     * Reads the arguments; anything not given keeps its default (20 s, 50 in flight, 3000 warm-up
     * orders, every setup, both client kinds).
     *
     * @param args {@code --name=value} arguments
     * @return the options
     * @throws IllegalArgumentException for an unknown argument or a bad value
     */
    static BenchOptions parse(String[] args) {
        Duration duration = Duration.ofSeconds(20);
        int concurrency = 50;
        // The JIT needs some thousands of orders before the figures settle (the first 20 s of a fresh
        // JVM run at about half the speed of the next).
        int warmup = 3000;
        List<String> setups = List.of("embedded", "1+1", "2+2");
        List<ClientKind> clients = List.of(ClientKind.REST, ClientKind.GRPC);
        for (String arg : args) {
            int eq = arg.indexOf('=');
            String name = eq < 0 ? arg : arg.substring(0, eq);
            String value = eq < 0 ? "" : arg.substring(eq + 1);
            switch (name) {
            case "--duration" -> duration = Duration.ofSeconds(positive(name, value));
            case "--concurrency" -> concurrency = positive(name, value);
            case "--warmup" -> warmup = count(name, value);
            case "--setups" -> setups = setups(value);
            case "--clients" -> clients = clients(value);
            default -> throw new IllegalArgumentException("unknown argument '" + arg + "'");
            }
        }
        return new BenchOptions(duration, concurrency, warmup, setups, clients);
    }

    private static int positive(String name, String value) {
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
