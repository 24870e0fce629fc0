package io.orderstream.worker;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.random.RandomGenerator;

import io.orderstream.engine.OrderExecutor;
import io.orderstream.engine.RetryPolicy;
import io.orderstream.engine.Worker;
import io.orderstream.routing.DexRouter;
import io.orderstream.routing.FaultModel;
import io.orderstream.routing.InMemoryLedger;
import io.orderstream.routing.Ledger;
import io.orderstream.routing.MockDex;
import io.orderstream.routing.PriceDrift;

import io.helidon.config.Config;

/**
 * Builds the order engine, the mock DEXs and a worker from configuration:
 * {@code orderstream.worker.*} and {@code orderstream.dex.*}.
 */
public final class Engine {
    private Engine() {
    }

    /**
     * The two simulated DEXs as configured ({@code dex.latency.scale}, {@code dex.failure.rate},
     * {@code dex.drift.percent}).
     *
     * @param orderstream the {@code orderstream} config node
     * @return router over Raydium and Meteora
     */
    public static DexRouter router(Config orderstream) {
        return router(orderstream, dex -> new InMemoryLedger());
    }

    /**
     * The two simulated DEXs as configured, each recording into the ledger {@code ledgers} gives it.
     *
     * @param orderstream the {@code orderstream} config node
     * @param ledgers     the ledger of a DEX by name
     * @return router over Raydium and Meteora
     */
    public static DexRouter router(Config orderstream, Function<String, Ledger> ledgers) {
        Config dex = orderstream.get("dex");
        MockDex.Timings timings = MockDex.Timings.scaled(dex.get("latency.scale").asDouble().orElse(1.0));
        double failureRate = dex.get("failure.rate").asDouble().orElse(0.1);
        double driftPercent = dex.get("drift.percent").asDouble().orElse(0.3);
        // Shared by every worker and quote thread: SecureRandom is thread-safe, and signatures drawn
        // from it do not collide.
        RandomGenerator random = new SecureRandom();
        return new DexRouter(List.of(
                MockDex.raydium(timings, FaultModel.random(failureRate, random),
                                PriceDrift.uniform(driftPercent, random), random, ledgers.apply("raydium")),
                MockDex.meteora(timings, FaultModel.random(failureRate, random),
                                PriceDrift.uniform(driftPercent, random), random, ledgers.apply("meteora"))));
    }

    /**
     * A worker over the backend, not yet started.
     *
     * @param orderstream the {@code orderstream} config node
     * @param backend     store, queue and bus
     * @return the worker
     */
    public static Worker worker(Config orderstream, Backend backend) {
        Config worker = orderstream.get("worker");
        RetryPolicy retry = new RetryPolicy(
                worker.get("retry.attempts").asInt().orElse(3),
                Duration.ofMillis(worker.get("retry.backoff.millis").asLong().orElse(200L)));
        OrderExecutor executor = new OrderExecutor(backend.store(), backend.events(), router(orderstream, backend::ledger),
                                                  retry);
        return new Worker(backend.queue(), backend.store(), executor, new Worker.Settings(
                worker.get("concurrency").asInt().orElse(10),
                worker.get("max.deliveries").asInt().orElse(5),
                Duration.ofSeconds(worker.get("lease.seconds").asLong().orElse(30L)),
                Duration.ofSeconds(worker.get("sweep.seconds").asLong().orElse(60L)),
                Duration.ofSeconds(worker.get("stale.seconds").asLong().orElse(300L))));
    }
}
