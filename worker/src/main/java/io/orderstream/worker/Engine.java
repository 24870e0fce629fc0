package io.orderstream.worker;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.random.RandomGenerator;

import io.orderstream.engine.OrderExecutor;
import io.orderstream.engine.RetryPolicy;
import io.orderstream.engine.Worker;
import io.orderstream.retention.RetentionSweep;
import io.orderstream.routing.DexRouter;
import io.orderstream.routing.FaultModel;
import io.orderstream.routing.Ledger;
import io.orderstream.routing.MockDex;
import io.orderstream.routing.PriceDrift;
import io.orderstream.routing.TimedDex;

import io.helidon.config.Config;

/**
 * Builds the order engine, the mock DEXs, a worker and its retention sweep from configuration:
 * {@code orderstream.worker.*}, {@code orderstream.dex.*} and {@code orderstream.retention.*}.
 */
public final class Engine {
    private Engine() {
    }

    /**
     * The two simulated DEXs as configured ({@code dex.latency.scale}, {@code dex.failure.rate},
     * {@code dex.drift.percent}, {@code dex.timeout.millis}), each recording into the ledger
     * {@code ledgers} gives it.
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
        Duration timeout = dexTimeout(orderstream);
        // Shared by every worker and quote thread: SecureRandom is thread-safe, and signatures drawn
        // from it do not collide.
        RandomGenerator random = new SecureRandom();
        return new DexRouter(List.of(
                new TimedDex(MockDex.raydium(timings, FaultModel.random(failureRate, random),
                                             PriceDrift.uniform(driftPercent, random), random,
                                             ledgers.apply("raydium")), timeout),
                new TimedDex(MockDex.meteora(timings, FaultModel.random(failureRate, random),
                                             PriceDrift.uniform(driftPercent, random), random,
                                             ledgers.apply("meteora")), timeout)));
    }

    /**
     * A worker over the backend, not yet started.
     *
     * @param orderstream the {@code orderstream} config node
     * @param backend     store, claims, signal and bus
     * @return the worker
     * @throws IllegalArgumentException when a DEX call may outlast the claim it runs under
     */
    public static Worker worker(Config orderstream, Backend backend) {
        Config worker = orderstream.get("worker");
        Duration claim = Duration.ofMillis(worker.get("claim.millis").asLong().orElse(30_000L));
        Duration dexTimeout = dexTimeout(orderstream);
        if (dexTimeout.compareTo(claim) >= 0) {
            throw new IllegalArgumentException("orderstream.dex.timeout.millis (" + dexTimeout.toMillis()
                    + ") must be shorter than orderstream.worker.claim.millis (" + claim.toMillis() + ")");
        }
        RetryPolicy retry = new RetryPolicy(
                worker.get("retry.attempts").asInt().orElse(3),
                Duration.ofMillis(worker.get("retry.backoff.millis").asLong().orElse(200L)));
        OrderExecutor executor = new OrderExecutor(backend.store(), router(orderstream, backend::ledger), retry);
        return new Worker(backend.claims(), backend.signal(), backend.events(), executor, new Worker.Settings(
                worker.get("concurrency").asInt().orElse(Worker.DEFAULT_CONCURRENCY),
                worker.get("max.deliveries").asInt().orElse(5),
                claim,
                Duration.ofMillis(worker.get("poll.millis").asLong().orElse(500L))));
    }

    /**
     * The sweep that deletes ended orders past keeping, not yet started: {@code retention.days}
     * (default 30; 0 keeps every order), {@code retention.batch} orders per transaction (default
     * 500), every {@code retention.interval.seconds} (default 600). It runs beside each worker,
     * the processes that execute orders to their end.
     *
     * @param orderstream the {@code orderstream} config node
     * @param backend     the store it deletes from
     * @return the sweep, or empty when retention is off
     * @throws IllegalArgumentException when a setting is out of range
     */
    public static Optional<RetentionSweep> retention(Config orderstream, Backend backend) {
        Config retention = orderstream.get("retention");
        int days = retention.get("days").asInt().orElse(30);
        if (days < 0) {
            throw new IllegalArgumentException("orderstream.retention.days must be 0 (keep every order) or more, got "
                                                       + days);
        }
        if (days == 0) {
            return Optional.empty();
        }
        return Optional.of(new RetentionSweep(backend.retention(), new RetentionSweep.Settings(
                Duration.ofDays(days),
                retention.get("batch").asInt().orElse(500),
                Duration.ofSeconds(retention.get("interval.seconds").asLong().orElse(600L))), Clock.systemUTC()));
    }

    private static Duration dexTimeout(Config orderstream) {
        return Duration.ofMillis(orderstream.get("dex.timeout.millis").asLong().orElse(10_000L));
    }
}
