package io.orderstream.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

/**
 * The rounds of one setup and client kind in the fan-out mode, and the figures of their table
 * row: each event's spread and each delivery pooled over all rounds.
 */
final class FanOutMeasurement {
    private final List<RoundFigures> rounds;
    private final List<String> notes;
    private final long[] spreads;
    private final long[] deliveries;

    /**
     * Takes the rounds.
     *
     * @param rounds the rounds that ran (a round whose order could not even be submitted has none)
     * @param notes  what went wrong with the rounds themselves
     */
    FanOutMeasurement(List<RoundFigures> rounds, List<String> notes) {
        this.rounds = List.copyOf(rounds);
        this.notes = List.copyOf(notes);
        this.spreads = pooled(rounds.stream().map(RoundFigures::spreads).toList());
        this.deliveries = pooled(rounds.stream().map(RoundFigures::deliveries).toList());
    }

    /**
     * Rounds that ran.
     *
     * @return count
     */
    int rounds() {
        return rounds.size();
    }

    /**
     * Watchers of each round.
     *
     * @return the largest count of any round, 0 when none ran
     */
    int watchers() {
        return rounds.stream().mapToInt(RoundFigures::watchers).max().orElse(0);
    }

    /**
     * Events measured, over all rounds.
     *
     * @return count
     */
    int measuredEvents() {
        return rounds.stream().mapToInt(RoundFigures::measuredEvents).sum();
    }

    /**
     * Events not measured as they came before every watcher was attached, over all rounds.
     *
     * @return count
     */
    int earlyEvents() {
        return rounds.stream().mapToInt(RoundFigures::earlyEvents).sum();
    }

    /**
     * The slowest round's time from submit to the last watcher attached.
     *
     * @return milliseconds; empty when a round had a watcher that never attached, or none ran
     */
    OptionalLong slowestAttachMillis() {
        if (rounds.isEmpty() || rounds.stream().anyMatch(round -> round.attachNanos().isEmpty())) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(rounds.stream().mapToLong(round -> round.attachNanos().getAsLong()).max()
                                       .getAsLong() / 1_000_000);
    }

    /**
     * A percentile of the delivery time (event timestamp to receipt) of every receipt of a
     * measured event, nearest rank.
     *
     * @param percent e.g. 99
     * @return milliseconds; {@link Double#NaN} when nothing was measured
     */
    double deliveryMillis(int percent) {
        return millis(deliveries, percent);
    }

    /**
     * A percentile of the spread (first to last receipt across watchers) of the measured
     * events, nearest rank.
     *
     * @param percent e.g. 99
     * @return milliseconds; {@link Double#NaN} when nothing was measured
     */
    double spreadMillis(int percent) {
        return millis(spreads, percent);
    }

    /**
     * Watchers, over all rounds, that were never attached, lack a measured event or lack the
     * terminal event.
     *
     * @return count; 0 when fan-out works
     */
    int missed() {
        return rounds.stream().mapToInt(RoundFigures::missed).sum();
    }

    /**
     * What went wrong with watchers, over all rounds, most frequent first.
     *
     * @return description → watchers
     */
    Map<String, Long> problems() {
        Map<String, Long> merged = new TreeMap<>();
        rounds.forEach(round -> round.problems().forEach((problem, count) -> merged.merge(problem, count, Long::sum)));
        return merged.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, Long::sum, LinkedHashMap::new));
    }

    /**
     * What went wrong with rounds themselves (an order that could not be submitted).
     *
     * @return notes, often none
     */
    List<String> notes() {
        return notes;
    }

    private static double millis(long[] sorted, int percent) {
        return sorted.length == 0 ? Double.NaN : NearestRank.of(sorted, percent) / 1e6;
    }

    private static long[] pooled(List<long[]> samples) {
        return samples.stream().flatMapToLong(LongStream::of).sorted().toArray();
    }
}
