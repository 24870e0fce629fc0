package io.orderstream.bench;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What one closed-loop run saw in its window, and the figures of its table row.
 * <p>
 * Throughput counts terminal events received inside the window. Latencies, late orders, failed
 * orders and errors count the orders submitted inside the window, each ended afterwards if
 * need be. A late order ranks above every order that ended, so a percentile that falls among
 * the late ones is "more than the limit", not a number that leaves them out.
 */
final class Measurement {
    private final long startNanos;
    private final long endNanos;
    private final long clientCpuNanos;
    private final Map<String, Long> serverCpuNanos;
    private final List<Outcome> all;
    private final List<Outcome> submitted;
    private final long[] sortedLatencies;
    private final List<String> notes;

    /**
     * Takes a run's outcomes.
     *
     * @param startNanos     when the window opened
     * @param endNanos       when it closed
     * @param clientCpuNanos CPU time the measuring process used in the window
     * @param serverCpuNanos CPU time the servers used in the window, by role, in the order to show them
     * @param outcomes       every order that ended, warm-up included
     * @param notes          what went wrong with the run itself
     */
    Measurement(long startNanos, long endNanos, long clientCpuNanos, Map<String, Long> serverCpuNanos,
                List<Outcome> outcomes, List<String> notes) {
        this.startNanos = startNanos;
        this.endNanos = endNanos;
        this.clientCpuNanos = clientCpuNanos;
        this.serverCpuNanos = new LinkedHashMap<>(serverCpuNanos);
        this.all = List.copyOf(outcomes);
        this.submitted = outcomes.stream()
                .filter(outcome -> outcome.submitNanos() >= startNanos && outcome.submitNanos() < endNanos)
                .toList();
        this.sortedLatencies = submitted.stream()
                .filter(outcome -> outcome.kind() != Outcome.Kind.ERROR)
                .mapToLong(outcome -> outcome.ended() ? outcome.latencyNanos() : Long.MAX_VALUE)
                .sorted()
                .toArray();
        this.notes = List.copyOf(notes);
    }

    /**
     * Orders whose terminal event arrived inside the window.
     *
     * @return count
     */
    long ended() {
        return all.stream()
                .filter(Outcome::ended)
                .filter(outcome -> outcome.endNanos() >= startNanos && outcome.endNanos() <= endNanos)
                .count();
    }

    /**
     * Terminal events received per second of the window.
     *
     * @return orders per second
     */
    double perSecond() {
        return ended() / ((endNanos - startNanos) / 1e9);
    }

    /**
     * How much of the machine the measuring client used during the window.
     *
     * @return cores' worth of CPU time per second, e.g. 0.4
     */
    double clientCores() {
        return clientCpuNanos / (double) (endNanos - startNanos);
    }

    /**
     * CPU each order ended in the window cost, by role, the measuring client last: where the
     * machine's time went, per order.
     *
     * @return milliseconds by role; empty when no order ended
     */
    Map<String, Double> cpuMillisPerOrder() {
        long orders = ended();
        Map<String, Double> perOrder = new LinkedHashMap<>();
        if (orders == 0) {
            return perOrder;
        }
        serverCpuNanos.forEach((role, nanos) -> perOrder.put(role, nanos / 1e6 / orders));
        perOrder.put("client", clientCpuNanos / 1e6 / orders);
        return perOrder;
    }

    /**
     * A submit→terminal percentile, nearest rank, over the window's orders that did not fail
     * with an error.
     *
     * @param percent e.g. 99
     * @return milliseconds; {@link Double#POSITIVE_INFINITY} when it falls on a late order,
     *         {@link Double#NaN} when there is no order
     */
    double percentileMillis(int percent) {
        if (sortedLatencies.length == 0) {
            return Double.NaN;
        }
        long nanos = NearestRank.of(sortedLatencies, percent);
        return nanos == Long.MAX_VALUE ? Double.POSITIVE_INFINITY : nanos / 1e6;
    }

    /**
     * Orders of the window whose terminal event did not arrive within the client's limit.
     *
     * @return count
     */
    long late() {
        return count(Outcome.Kind.LATE);
    }

    /**
     * Orders of the window that ended {@code failed} or {@code cancelled}.
     *
     * @return count
     */
    long failed() {
        return count(Outcome.Kind.FAILED);
    }

    /**
     * Orders of the window whose submit or watch broke.
     *
     * @return count
     */
    long errors() {
        return count(Outcome.Kind.ERROR);
    }

    /**
     * The window's errors by what went wrong, most frequent first.
     *
     * @return description → count
     */
    Map<String, Long> errorCounts() {
        return submitted.stream()
                .filter(outcome -> outcome.kind() == Outcome.Kind.ERROR)
                .collect(Collectors.groupingBy(Outcome::detail, Collectors.counting()))
                .entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, Long::sum, LinkedHashMap::new));
    }

    /**
     * What went wrong with the run itself (a warm-up that did not end, users that did not stop).
     *
     * @return notes, often none
     */
    List<String> notes() {
        return notes;
    }

    private long count(Outcome.Kind kind) {
        return submitted.stream().filter(outcome -> outcome.kind() == kind).count();
    }
}
