package io.orderstream.worker;

import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Logger;

import io.orderstream.engine.Worker;
import io.orderstream.metrics.MeterSet;
import io.orderstream.retention.RetentionSweep;

import io.helidon.config.Config;
import io.helidon.logging.common.LogConfig;

/**
 * A stand-alone worker process: {@code java -jar worker/target/orderstream-worker.jar}.
 * It executes orders from the shared queue until the process is stopped, and serves its health
 * and metrics on a small HTTP port of its own ({@link WorkerHttp}).
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
        LogConfig.configureRuntime();
        // Every setting is read and checked here, once: a bad one stops the start before anything opens.
        Config config = Config.create();
        BackendSettings backendSettings = BackendSettings.create(config);
        EngineSettings engineSettings = EngineSettings.create(config);
        WorkerHttpSettings httpSettings = WorkerHttpSettings.create(config);
        Backend backend = Backend.open(backendSettings);
        WorkerHttp http;
        try {
            // Before the worker: a port already taken stops the start before any order is claimed.
            http = WorkerHttp.start(httpSettings, backend.dependencies());
        } catch (RuntimeException e) {
            backend.close();
            throw e;
        }
        MeterSet meters = new MeterSet();
        Optional<RetentionSweep> retention = Engine.retention(engineSettings, backend);
        Worker worker = Engine.worker(engineSettings, backend, meters).start();
        retention.ifPresent(RetentionSweep::start);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                // First, so probes see the worker going before its claims are given back.
                http.close();
            } finally {
                try {
                    retention.ifPresent(RetentionSweep::close);
                    worker.close();
                } finally {
                    meters.close();
                    backend.close();
                    stopped.countDown();
                }
            }
        }, "worker-shutdown"));
        LOG.info("orderstream worker started, " + worker.concurrency() + " orders at a time; health and metrics at "
                         + http.observeUrl() + "/health and " + http.observeUrl() + "/metrics");
        stopped.await();
    }
}
