package io.orderstream.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The fan-out mode: per setup and client kind, a warm-up round and then a few rounds of one
 * order watched by many watchers ({@link FanOutRound}), on mock DEXs slowed so that every
 * watcher is attached before the order's first measured event.
 */
final class FanOutTrial implements Trial<FanOutRow> {
    /**
     * Every mock DEX delay times 20: the quotes take 4 s, so the watchers have 4 s from the
     * order's claim (its {@code routing} event, right after the submit) to the next event; then
     * build 2 s, send 5 s, confirm 8 s.
     */
    static final int DEX_LATENCY_SCALE = 20;
    /** Submit to terminal event on the slowed DEXs: 950 ms of mock delays, times the scale. */
    static final Duration ORDER_LIFE = Duration.ofMillis(950L * DEX_LATENCY_SCALE);
    // A send and its confirmation are one DEX call of 13 s: above the 10 s default timeout,
    // below the worker's 30 s claim, which the timeout must stay under.
    private static final Duration DEX_TIMEOUT = Duration.ofSeconds(20);

    private final BenchOptions options;

    /**
     * The mode as the options set it.
     *
     * @param options watchers and rounds
     */
    FanOutTrial(BenchOptions options) {
        this.options = options;
    }

    @Override
    public Map<String, String> serverSettings() {
        return Map.of("ORDERSTREAM_DEX_LATENCY_SCALE", String.valueOf(DEX_LATENCY_SCALE),
                      "ORDERSTREAM_DEX_TIMEOUT_MILLIS", String.valueOf(DEX_TIMEOUT.toMillis()));
    }

    @Override
    public Duration limit() {
        // The warm-up round first, then the measured ones.
        return FanOutRound.LIMIT.plusSeconds(10).multipliedBy(options.rounds() + 1L);
    }

    @Override
    public FanOutRow measure(Setup setup, String name, ClientKind kind, Consumer<String> progress)
            throws InterruptedException {
        List<RoundFigures> rounds = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        try (FanOutClient client = kind.fanOut(setup.gateways(), options.watchers(), options.grpcPorts(),
                                                  FanOutRound.LIMIT)) {
            try {
                FanOutRound.warmUp(client, options.watchers(), message -> progress.accept("warm-up: " + message));
            } catch (IOException e) {
                notes.add("warm-up: " + e.getMessage());
                progress.accept("warm-up: " + e.getMessage());
            }
            for (int round = 1; round <= options.rounds(); round++) {
                String what = "round " + round + "/" + options.rounds();
                try {
                    RoundFigures figures = FanOutRound.run(client, options.watchers(),
                                                           message -> progress.accept(what + ": " + message));
                    rounds.add(figures);
                    progress.accept(what + ": " + summary(figures));
                } catch (IOException e) {
                    notes.add(what + ": " + e.getMessage());
                    progress.accept(what + ": " + e.getMessage());
                }
            }
        }
        return FanOutRow.measured(name, kind, new FanOutMeasurement(rounds, notes));
    }

    private static String summary(RoundFigures figures) {
        String line = String.format(Locale.ROOT, "%d events measured, %d before every watcher was attached, %d"
                + " watchers missed one", figures.measuredEvents(), figures.earlyEvents(), figures.missed());
        long[] deliveries = figures.deliveries();
        long[] spreads = figures.spreads();
        if (deliveries.length == 0 || spreads.length == 0) {
            return line;
        }
        return line + String.format(Locale.ROOT, "; delivery p99 %.1f ms, spread p99 %.1f ms",
                                    NearestRank.of(deliveries, 99) / 1e6, NearestRank.of(spreads, 99) / 1e6);
    }

    @Override
    public FanOutRow unmeasured(String name, ClientKind kind, String problem) {
        return FanOutRow.unmeasured(name, kind, problem);
    }
}
