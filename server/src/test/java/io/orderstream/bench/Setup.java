package io.orderstream.bench;

import java.net.http.HttpClient;
import java.util.List;
import java.util.Map;

/**
 * A running server layout that the benchmark started and will stop: its gateways' addresses,
 * and every process behind them.
 */
interface Setup extends AutoCloseable {
    /**
     * Starts the setup a command-line name stands for and waits until it serves.
     *
     * @param name     {@code embedded}, or {@code G+W} for G gateways and W workers
     * @param settings environment of every server process on top of the setup's own (which
     *                 makes the mock DEXs instant), e.g. slower DEXs; empty for none
     * @param http     the program's HTTP client, for readiness checks
     * @return the running setup
     * @throws Exception when it cannot start; whatever was started is stopped again
     */
    static Setup start(String name, Map<String, String> settings, HttpClient http) throws Exception {
        if (name.equals("embedded")) {
            return EmbeddedSetup.start(settings, http);
        }
        String[] counts = name.split("\\+");
        return DistributedSetup.start(Integer.parseInt(counts[0]), Integer.parseInt(counts[1]), settings);
    }

    /**
     * What a command-line name stands for, for the table's legend.
     *
     * @param name {@code embedded} or {@code G+W}
     * @return e.g. {@code 2 gateways + 2 workers, each its own JVM, on Redis and PostgreSQL}
     */
    static String describe(String name) {
        if (name.equals("embedded")) {
            return EmbeddedSetup.DESCRIPTION;
        }
        String[] counts = name.split("\\+");
        return DistributedSetup.describe(Integer.parseInt(counts[0]), Integer.parseInt(counts[1]));
    }

    /**
     * Where clients submit and watch.
     *
     * @return the gateways, at least one
     */
    List<Endpoint> gateways();

    /**
     * CPU time the setup's processes have used so far, by role, for the CPU each order costs.
     *
     * @return nanoseconds by role ({@code gateway}, {@code workers}, {@code postgres}, ...), in a fixed order
     */
    Map<String, Long> cpuNanos();

    /** Kills every process this setup started and removes its data; calling it again does nothing. */
    @Override
    void close();
}
