package io.orderstream.bench;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Prints the fan-out mode's results: the machine, what was measured and how, one row per setup ×
 * client kind, and what went wrong, if anything did.
 */
final class FanOutTable {
    private static final String ROW = "%-9s %-6s %8s %6s %6s %5s %9s %9s %9s %10s %10s %6s%n";
    private static final int PROBLEM_KINDS_SHOWN = 5;

    private final BenchOptions options;

    /**
     * A table for a run.
     *
     * @param options what the run measured
     */
    FanOutTable(BenchOptions options) {
        this.options = options;
    }

    /**
     * Prints the header, the rows and what went wrong.
     *
     * @param rows the rows, in run order
     * @param out  where to
     */
    void print(List<FanOutRow> rows, PrintStream out) {
        out.println();
        header(out);
        out.println();
        out.printf(ROW, "setup", "client", "watchers", "rounds", "events", "early", "attach ms", "deliv p50",
                   "deliv p99", "spread p50", "spread p99", "missed");
        rows.forEach(row -> row(row, out));
        rows.forEach(row -> problems(row, out));
    }

    private void header(PrintStream out) {
        out.println(Machine.line());
        out.printf("fan-out: one order per round, %d watchers of it, %d round(s) per setup and client; mock DEX delays"
                           + " x%d (quotes %d ms after the claim), failure rate 0%n",
                   options.watchers(), options.rounds(), FanOutTrial.DEX_LATENCY_SCALE,
                   200 * FanOutTrial.DEX_LATENCY_SCALE);
        for (String setup : options.setups()) {
            out.printf("  %-9s %s%n", setup, Setup.describe(setup));
        }
        out.printf("  %-9s %s%n", "rest", "WebSockets on /api/orders/status/{orderId} (java.net.http), over "
                + RestFanOutClient.HTTP_CLIENTS + " HTTP clients");
        out.printf("  %-9s %s%n", "grpc", "WatchOrder streams (grpc-java), " + options.grpcPorts().description()
                + ", over at least " + GrpcFanOutClient.LEAST_CHANNELS_PER_PORT + " channels per port, at most "
                + GrpcFanOutClient.STREAMS_PER_CHANNEL + " streams each");
        out.println("  the order is submitted to the first gateway; the watchers are spread over every gateway");
        out.println("events: measured, i.e. first received after the last watcher was attached (WebSocket: its"
                            + " 'subscribed' message; gRPC: its first event); early: received before that, not measured;");
        out.println("attach ms: submit -> last watcher attached, slowest round; deliv: receipt (wall clock) - the"
                            + " event's timestamp (stamped by the worker, in ms), every receipt of a measured event;");
        out.println("spread: last - first receipt of a measured event across its watchers; missed: watchers that"
                            + " lacked a measured event or the terminal one, or never attached (must be 0)");
    }

    private static void row(FanOutRow row, PrintStream out) {
        FanOutMeasurement m = row.measurement();
        if (m == null) {
            out.printf("%-9s %-6s not measured: %s%n", row.setup(), row.client().label(), row.problem());
            return;
        }
        OptionalLong attach = m.slowestAttachMillis();
        out.printf(ROW, row.setup(), row.client().label(), m.watchers(), m.rounds(), m.measuredEvents(),
                   m.earlyEvents(), attach.isPresent() ? String.valueOf(attach.getAsLong()) : "-",
                   millis(m.deliveryMillis(50)), millis(m.deliveryMillis(99)), millis(m.spreadMillis(50)),
                   millis(m.spreadMillis(99)), m.missed());
    }

    private static void problems(FanOutRow row, PrintStream out) {
        FanOutMeasurement m = row.measurement();
        if (m == null) {
            return;
        }
        String what = row.setup() + " " + row.client().label();
        Map<String, Long> problems = m.problems();
        problems.entrySet().stream().limit(PROBLEM_KINDS_SHOWN)
                .forEach(problem -> out.printf("%s: %d watchers: %s%n", what, problem.getValue(), problem.getKey()));
        if (problems.size() > PROBLEM_KINDS_SHOWN) {
            out.printf("%s: %d more kinds of problem%n", what, problems.size() - PROBLEM_KINDS_SHOWN);
        }
        m.notes().forEach(note -> out.printf("%s: %s%n", what, note));
    }

    private static String millis(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.1f", value);
    }
}
