package io.orderstream.worker;

import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Logger;

import io.orderstream.engine.Worker;
import io.orderstream.logs.LogSettings;
import io.orderstream.metrics.MeterSet;
import io.orderstream.retention.RetentionSweep;
import io.orderstream.tracing.Tracing;
import io.orderstream.tracing.TracingSettings;

import io.helidon.config.Config;
import io.helidon.logging.common.LogConfig;

/**
 * A stand-alone worker process: {@code java -jar worker/target/orderstream-worker.jar}.
 * It executes orders from the shared queue until the process is stopped, and serves its health
 * and metrics on a small HTTP port of its own ({@link WorkerHttp}).
 * <p>
 * Asked to stop (SIGTERM), it drains: readiness goes DOWN, it claims nothing more, and the
 * executions in flight get up to {@code orderstream.drain.timeout.seconds} to end; those still
 * running then are handed back and resume on another worker from their last stored step.
 */
public final class WorkerMain {
    private static final Logger LOG = Logger.getLogger(WorkerMain.class.getName());

    private WorkerMain() {
    }

    /**
     * Starts the worker.
     *
     * @param args ignored; configuration comes from {@code application.yaml} and the environment
     * @throws InterruptedException when interrupted while running
     */
    public static void main(String[] args) throws InterruptedException {
        // Every setting is read and checked here, once: a bad one stops the start before anything opens.
        Config config = Config.create();
        LogSettings.create(config).install();
        LogConfig.configureRuntime();
        BackendSettings backendSettings = BackendSettings.create(config);
        EngineSettings engineSettings = EngineSettings.create(config);
        WorkerHttpSettings httpSettings = WorkerHttpSettings.create(config);
        DrainSettings drainSettings = DrainSettings.create(config);
        Tracing tracing = Tracing.start(TracingSettings.create(config), "orderstream-worker");
        Draining draining = new Draining();
        Backend backend;
        WorkerHttp http;
        try {
            backend = Backend.open(backendSettings);
        } catch (RuntimeException e) {
            tracing.close();
            throw e;
        }
        try {
            // Before the worker: a port already taken stops the start before any order is claimed.
            http = WorkerHttp.start(httpSettings, backend.dependencies(), draining);
        } catch (RuntimeException e) {
            backend.close();
            tracing.close();
            throw e;
        }
        MeterSet meters = new MeterSet();
        Optional<RetentionSweep> retention = Engine.retention(engineSettings, backend);
        Worker worker = Engine.worker(engineSettings, backend, meters).start();
        retention.ifPresent(RetentionSweep::start);
        CountDownLatch stopped = new CountDownLatch(1);
        OnShutdown.run(() -> {
            try {
                draining.start();
                retention.ifPresent(RetentionSweep::close);
                long started = System.nanoTime();
                int handedBack = worker.drain(drainSettings.timeout());
                LOG.info("Drained in " + (System.nanoTime() - started) / 1_000_000 + " ms; " + handedBack
                                 + " orders still executing were handed back");
            } finally {
                try {
                    http.close();
                } finally {
                    meters.close();
                    backend.close();
                    // Last: the spans of what stopped above are exported.
                    tracing.close();
                    stopped.countDown();
                }
            }
        }, drainSettings.timeout());
        LOG.info("orderstream worker started, " + worker.concurrency() + " orders at a time; health and metrics at "
                         + http.observeUrl() + "/health and " + http.observeUrl() + "/metrics");
        stopped.await();
    }
}
