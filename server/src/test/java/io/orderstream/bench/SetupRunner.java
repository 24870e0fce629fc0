package io.orderstream.bench;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs one setup through every client kind within a time limit: starts it, measures, and stops
 * it whatever happens. A setup that overruns its limit is stopped and its missing rows say so.
 *
 * @param <R> a row of the mode's result table
 */
final class SetupRunner<R> {
    // Cluster waits up to 90 s for its gateways, then up to 90 s for its workers.
    private static final Duration START_LIMIT = Duration.ofSeconds(200);
    private static final Duration STOP_LIMIT = Duration.ofSeconds(60);

    private final BenchOptions options;
    private final Trial<R> trial;
    private final HttpClient http;
    private final long began = System.nanoTime();
    private final AtomicReference<Setup> running = new AtomicReference<>();

    /**
     * A runner.
     *
     * @param options which client kinds
     * @param trial   what to measure with each
     * @param http    the program's one HTTP client
     */
    SetupRunner(BenchOptions options, Trial<R> trial, HttpClient http) {
        this.options = options;
        this.trial = trial;
        this.http = http;
    }

    /**
     * Runs a setup.
     *
     * @param name the setup's command-line name
     * @return one row per client kind, measured or saying why not
     */
    List<R> run(String name) throws InterruptedException {
        Map<ClientKind, R> rows = new ConcurrentHashMap<>();
        Duration limit = limit();
        Thread task = Thread.ofVirtual().name("setup-" + name).start(() -> measure(name, rows));
        if (!task.join(limit)) {
            progress(name, "did not finish within " + limit.toSeconds() + " s; stopping it");
            // Killing the servers ends every call in flight; the interrupt ends the waits.
            stop();
            task.interrupt();
            task.join(STOP_LIMIT);
        }
        List<R> ordered = new ArrayList<>();
        for (ClientKind kind : options.clients()) {
            R row = rows.get(kind);
            ordered.add(row != null ? row : trial.unmeasured(name, kind, "the setup did not finish within "
                    + limit.toSeconds() + " s"));
        }
        return ordered;
    }

    /**
     * Stops the setup that is running, if any, and any process this program started that is
     * still alive; for the time limit and for a JVM that is being shut down (Ctrl-C).
     */
    void stop() {
        Setup setup = running.getAndSet(null);
        if (setup != null) {
            setup.close();
        }
        // A setup interrupted while starting may have left a process behind; only this JVM's
        // own children and their children are touched.
        ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly);
    }

    private void measure(String name, Map<ClientKind, R> rows) {
        progress(name, "starting");
        long start = System.nanoTime();
        Setup setup;
        try {
            setup = Setup.start(name, trial.serverSettings(), http);
        } catch (InterruptedException e) {
            return;
        } catch (Exception | AssertionError e) {
            progress(name, "did not start: " + Outcome.describe(e));
            options.clients().forEach(kind -> rows.put(kind, trial.unmeasured(name, kind, "did not start: "
                    + Outcome.describe(e))));
            return;
        }
        running.set(setup);
        progress(name, String.format(Locale.ROOT, "started in %.1f s", (System.nanoTime() - start) / 1e9));
        try {
            for (ClientKind kind : options.clients()) {
                String what = name + " " + kind.label();
                rows.put(kind, trial.measure(setup, name, kind, message -> progress(what, message)));
            }
        } catch (InterruptedException e) {
            // Stopped by the time limit; the rows not measured say so.
        } finally {
            running.compareAndSet(setup, null);
            setup.close();
            progress(name, "stopped");
        }
    }

    private Duration limit() {
        return START_LIMIT.plus(trial.limit().multipliedBy(options.clients().size())).plus(STOP_LIMIT);
    }

    private void progress(String what, String message) {
        System.err.printf(Locale.ROOT, "[%6.1f s] %s: %s%n", (System.nanoTime() - began) / 1e9, what, message);
    }
}
