package io.orderstream.bench;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Prints the machine, the load, what each setup and client kind is, and one row per setup ×
 * client kind, followed by what went wrong, if anything did.
 */
final class ResultTable {
    private static final String ROW = "%-9s %-6s %9s %8s %8s %8s %7s %9s %7s %7s %12s%n";
    private static final int ERROR_KINDS_SHOWN = 5;

    private final BenchOptions options;

    /**
     * A table for a run.
     *
     * @param options what the run measured
     */
    ResultTable(BenchOptions options) {
        this.options = options;
    }

    /**
     * Prints the header, the rows and what went wrong.
     *
     * @param rows the rows, in run order
     * @param out  where to
     */
    void print(List<Row> rows, PrintStream out) {
        out.println();
        header(out);
        out.println();
        out.printf(ROW, "setup", "client", "orders/s", "p50 ms", "p90 ms", "p99 ms", "ended",
                   "late>" + OrderClient.TERMINAL_LIMIT.toSeconds() + "s", "failed", "errors", "client cores");
        rows.forEach(row -> row(row, out));
        out.println();
        out.println("CPU per order ended in the window, ms, by process (as the system counts it):");
        rows.forEach(row -> cpu(row, out));
        rows.forEach(row -> problems(row, out));
    }

    private void header(PrintStream out) {
        out.println(Machine.line());
        out.printf("load: closed loop, %d orders in flight, %d s measured after %d warm-up orders, for each setup"
                           + " and client; mock DEX delays 0, failure rate 0%n",
                   options.concurrency(), options.duration().toSeconds(), options.warmup());
        for (String setup : options.setups()) {
            out.printf("  %-9s %s%n", setup, Setup.describe(setup));
        }
        out.printf("  %-9s %s%n", "rest", "POST /api/orders/execute, then a WebSocket on /api/orders/status/{orderId}"
                + " (java.net.http)");
        out.printf("  %-9s %s%n", "grpc", "SubmitOrder, then the WatchOrder stream (grpc-java), on the Helidon port");
        out.println("  with several gateways, each order is watched on another gateway than the one it was submitted"
                            + " to");
        out.println("orders/s: terminal events received per second of the window (ended: how many);"
                            + " p50/p90/p99: submit -> terminal event on the watch;");
        out.printf("late, failed, errors: of the orders submitted in the window; late: no terminal event within %d s"
                           + " of the submit, ranked above every other order in the percentiles;%n",
                   OrderClient.TERMINAL_LIMIT.toSeconds());
        out.println("client cores: CPU the measuring JVM used per second of the window");
    }

    private static void row(Row row, PrintStream out) {
        Measurement m = row.measurement();
        if (m == null) {
            out.printf("%-9s %-6s not measured: %s%n", row.setup(), row.client().label(), row.problem());
            return;
        }
        out.printf(ROW, row.setup(), row.client().label(), String.format(Locale.ROOT, "%.1f", m.perSecond()),
                   millis(m.percentileMillis(50)), millis(m.percentileMillis(90)), millis(m.percentileMillis(99)),
                   m.ended(), m.late(), m.failed(), m.errors(), String.format(Locale.ROOT, "%.2f", m.clientCores()));
    }

    private static void cpu(Row row, PrintStream out) {
        Measurement m = row.measurement();
        if (m == null || m.cpuMillisPerOrder().isEmpty()) {
            return;
        }
        out.printf("%-9s %-6s %s%n", row.setup(), row.client().label(), m.cpuMillisPerOrder().entrySet().stream()
                .map(role -> String.format(Locale.ROOT, "%s %.2f", role.getKey(), role.getValue()))
                .collect(Collectors.joining(", ")));
    }

    private static void problems(Row row, PrintStream out) {
        Measurement m = row.measurement();
        if (m == null) {
            return;
        }
        String what = row.setup() + " " + row.client().label();
        Map<String, Long> errors = m.errorCounts();
        errors.entrySet().stream().limit(ERROR_KINDS_SHOWN)
                .forEach(error -> out.printf("%s: %d × %s%n", what, error.getValue(), error.getKey()));
        if (errors.size() > ERROR_KINDS_SHOWN) {
            out.printf("%s: %d more kinds of error%n", what, errors.size() - ERROR_KINDS_SHOWN);
        }
        m.notes().forEach(note -> out.printf("%s: %s%n", what, note));
    }

    private static String millis(double value) {
        if (Double.isNaN(value)) {
            return "-";
        }
        if (Double.isInfinite(value)) {
            return ">" + OrderClient.TERMINAL_LIMIT.toMillis();
        }
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
