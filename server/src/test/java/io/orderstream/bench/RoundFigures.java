package io.orderstream.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;

/**
 * The figures of one fan-out round: one order, many watchers, from what each of them saw.
 * <p>
 * An event is measured when even its first receipt, at any watcher, came after the last watcher
 * was attached: only then did every watcher get it live rather than from the replayed history.
 * Its spread is the time from its first to its last receipt; each of its receipts is a delivery
 * sample (receipt − the event's timestamp). A watcher missed the round when it was never attached,
 * lacks a measured event, or never received the order's terminal event.
 */
final class RoundFigures {
    private final int watchers;
    private final OptionalLong attachNanos;
    private final int measuredEvents;
    private final int earlyEvents;
    private final long[] spreads;
    private final long[] deliveries;
    private final int missed;
    private final Map<String, Long> problems;

    private RoundFigures(int watchers, OptionalLong attachNanos, int measuredEvents, int earlyEvents, long[] spreads,
                         long[] deliveries, int missed, Map<String, Long> problems) {
        this.watchers = watchers;
        this.attachNanos = attachNanos;
        this.measuredEvents = measuredEvents;
        this.earlyEvents = earlyEvents;
        this.spreads = spreads;
        this.deliveries = deliveries;
        this.missed = missed;
        this.problems = problems;
    }

    /**
     * Works out a round's figures.
     *
     * @param submitNanos {@link System#nanoTime()} before the order's submit
     * @param logs        what each watcher saw, one log per watcher started
     * @return the figures
     */
    static RoundFigures of(long submitNanos, List<WatcherLog> logs) {
        OptionalLong lastAttach = logs.stream()
                .map(WatcherLog::attachedNanos)
                .filter(OptionalLong::isPresent)
                .mapToLong(OptionalLong::getAsLong)
                .max();
        Map<String, Long> problems = new TreeMap<>();
        // First receipt of each seq per watcher: a second one is a duplicate, reported, not counted.
        List<Map<Long, Receipt>> received = new ArrayList<>();
        Map<Long, long[]> firstAndLast = new HashMap<>();
        for (WatcherLog log : logs) {
            if (log.problem() != null) {
                problems.merge(log.problem(), 1L, Long::sum);
            }
            Map<Long, Receipt> bySeq = new HashMap<>();
            boolean duplicate = false;
            for (Receipt receipt : log.receipts()) {
                if (bySeq.putIfAbsent(receipt.seq(), receipt) != null) {
                    duplicate = true;
                    continue;
                }
                firstAndLast.merge(receipt.seq(), new long[] {receipt.nanos(), receipt.nanos()},
                                   (a, b) -> new long[] {Math.min(a[0], b[0]), Math.max(a[1], b[1])});
            }
            if (duplicate) {
                problems.merge("received an event twice", 1L, Long::sum);
            }
            received.add(bySeq);
        }
        Set<Long> measured = new HashSet<>();
        List<Long> spreads = new ArrayList<>();
        firstAndLast.forEach((seq, range) -> {
            if (lastAttach.isPresent() && range[0] - lastAttach.getAsLong() > 0) {
                measured.add(seq);
                spreads.add(range[1] - range[0]);
            }
        });
        List<Long> deliveries = new ArrayList<>();
        int missed = 0;
        for (int i = 0; i < logs.size(); i++) {
            Map<Long, Receipt> bySeq = received.get(i);
            bySeq.values().stream().filter(receipt -> measured.contains(receipt.seq()))
                    .forEach(receipt -> deliveries.add(receipt.deliveryNanos()));
            boolean ended = bySeq.values().stream().anyMatch(Receipt::terminal);
            if (logs.get(i).attachedNanos().isEmpty() || !ended || !bySeq.keySet().containsAll(measured)) {
                missed++;
            }
        }
        OptionalLong attach = lastAttach.isPresent() && logs.stream().allMatch(log -> log.attachedNanos().isPresent())
                ? OptionalLong.of(lastAttach.getAsLong() - submitNanos)
                : OptionalLong.empty();
        return new RoundFigures(logs.size(), attach, measured.size(), firstAndLast.size() - measured.size(),
                                sorted(spreads), sorted(deliveries), missed, Collections.unmodifiableMap(problems));
    }

    /**
     * Watchers started.
     *
     * @return count
     */
    int watchers() {
        return watchers;
    }

    /**
     * From the submit to the last watcher attached.
     *
     * @return nanoseconds; empty when some watcher was never attached
     */
    OptionalLong attachNanos() {
        return attachNanos;
    }

    /**
     * Events first received after every watcher was attached.
     *
     * @return count
     */
    int measuredEvents() {
        return measuredEvents;
    }

    /**
     * Events received, but first before the last watcher was attached: not measured.
     *
     * @return count
     */
    int earlyEvents() {
        return earlyEvents;
    }

    /**
     * First to last receipt of each measured event.
     *
     * @return nanoseconds, ascending
     */
    long[] spreads() {
        return spreads.clone();
    }

    /**
     * Receipt − event timestamp, for every receipt of a measured event at every watcher.
     *
     * @return nanoseconds, ascending
     */
    long[] deliveries() {
        return deliveries.clone();
    }

    /**
     * Watchers that were never attached, lack a measured event, or lack the terminal event.
     *
     * @return count
     */
    int missed() {
        return missed;
    }

    /**
     * What went wrong with watchers, by description.
     *
     * @return description → watchers
     */
    Map<String, Long> problems() {
        return problems;
    }

    private static long[] sorted(List<Long> values) {
        return values.stream().mapToLong(Long::longValue).sorted().toArray();
    }
}
