package io.orderstream.bench;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The throughput mode: a {@link ClosedLoop} of orders through one client of the kind, on
 * instant, failure-free mock DEXs.
 */
final class ThroughputTrial implements Trial<Row> {
    private final BenchOptions options;
    private final HttpClient http;

    /**
     * The mode as the options set it.
     *
     * @param options load and window
     * @param http    the program's one HTTP client
     */
    ThroughputTrial(BenchOptions options, HttpClient http) {
        this.options = options;
        this.http = http;
    }

    @Override
    public Map<String, String> serverSettings() {
        return Map.of();
    }

    @Override
    public Duration limit() {
        return ClosedLoop.WARMUP_LIMIT.plus(options.duration()).plus(ClosedLoop.DRAIN_LIMIT).plusSeconds(10);
    }

    @Override
    public Row measure(Setup setup, String name, ClientKind kind, Consumer<String> progress)
            throws InterruptedException {
        try (OrderClient client = kind.open(http, setup.gateways())) {
            Measurement m = ClosedLoop.run(client, options, progress, setup::cpuNanos);
            progress.accept(String.format(Locale.ROOT, "%.1f orders/s, %d late, %d errors", m.perSecond(), m.late(),
                                          m.errors()));
            return Row.measured(name, kind, m);
        }
    }

    @Override
    public Row unmeasured(String name, ClientKind kind, String problem) {
        return Row.unmeasured(name, kind, problem);
    }
}
