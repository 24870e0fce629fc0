package io.orderstream.bench;

import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What one mode of the benchmark measures on a running setup with one kind of client, for
 * {@link SetupRunner}: the server settings it needs, how long it may take, and the measurement.
 *
 * @param <R> one line of the mode's result table
 */
interface Trial<R> {
    /**
     * Environment of every server process, on top of what each setup sets itself.
     *
     * @return settings, often none
     */
    Map<String, String> serverSettings();

    /**
     * Longest time one client kind's measurement may take on a running setup; the setup is
     * stopped after the sum of these, its start and its stop.
     *
     * @return the limit
     */
    Duration limit();

    /**
     * Measures.
     *
     * @param setup    the running setup
     * @param name     its command-line name
     * @param kind     the client kind
     * @param progress where to say what is happening
     * @return the row
     * @throws InterruptedException when the setup's time is up
     */
    R measure(Setup setup, String name, ClientKind kind, Consumer<String> progress) throws InterruptedException;

    /**
     * A row that says why there are no figures.
     *
     * @param name    the setup's command-line name
     * @param kind    the client kind
     * @param problem why
     * @return the row
     */
    R unmeasured(String name, ClientKind kind, String problem);
}
