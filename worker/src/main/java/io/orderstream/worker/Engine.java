package io.orderstream.worker;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.random.RandomGenerator;

import io.orderstream.dexsim.FaultModel;
import io.orderstream.dexsim.MockDex;
import io.orderstream.dexsim.PriceDrift;
import io.orderstream.engine.OrderExecutor;
import io.orderstream.engine.Worker;
import io.orderstream.metrics.ExecutionMetrics;
import io.orderstream.metrics.MeterSet;
import io.orderstream.metrics.MeteredDex;
import io.orderstream.retention.RetentionSweep;
import io.orderstream.routing.Dex;
import io.orderstream.routing.DexRouter;
import io.orderstream.routing.DexSettings;
import io.orderstream.routing.Ledger;
import io.orderstream.routing.TimedDex;
import io.orderstream.routing.TracedDex;

/**
 * Builds the order engine, the mock DEXs, a worker and its retention sweep from their settings.
 */
public final class Engine {
    private Engine() {
    }

    /**
     * The two simulated DEXs, each recording into the ledger {@code ledgers} gives it, each call
     * bounded by the DEX timeout, timed and traced.
     *
     * @param dex     how they behave
     * @param ledgers the ledger of a DEX by name
     * @param meters  where the calls' timers are registered
     * @return router over Raydium and Meteora
     */
    public static DexRouter router(DexSettings dex, Function<String, Ledger> ledgers, MeterSet meters) {
        MockDex.Timings timings = MockDex.Timings.scaled(dex.latencyScale());
        // Shared by every worker and quote thread: SecureRandom is thread-safe, and signatures drawn
        // from it do not collide.
        RandomGenerator random = new SecureRandom();
        return new DexRouter(List.of(
                observed(MockDex.raydium(timings, FaultModel.random(dex.failureRate(), random),
                                         PriceDrift.uniform(dex.driftPercent(), random), random,
                                         ledgers.apply("raydium")), dex, meters),
                observed(MockDex.meteora(timings, FaultModel.random(dex.failureRate(), random),
                                         PriceDrift.uniform(dex.driftPercent(), random), random,
                                         ledgers.apply("meteora")), dex, meters)));
    }

    /** A DEX as the engine calls it: each call bounded by the timeout, timed, and a span of the order's trace. */
    private static Dex observed(Dex dex, DexSettings settings, MeterSet meters) {
        return new TracedDex(new MeteredDex(new TimedDex(dex, settings.timeout()), meters));
    }

    /**
     * A worker over the backend, not yet started, with its meters: outcomes, steps, attempts,
     * DEX calls, and the orders it executes now ({@code orderstream_orders_in_flight}).
     *
     * @param settings the engine's settings
     * @param backend  store, claims, signal and bus
     * @param meters   where the worker's meters are registered; the caller closes it after the worker
     * @return the worker
     */
    public static Worker worker(EngineSettings settings, Backend backend, MeterSet meters) {
        OrderExecutor executor = new OrderExecutor(router(settings.dex(), backend::ledger, meters),
                                                   settings.retry(), ExecutionMetrics.register(meters));
        Worker worker = new Worker(backend.claims(), backend.signal(), backend.events(), executor, settings.worker());
        meters.gauge("orderstream.orders.in.flight", "Orders this process's worker is executing", null,
                     worker::inFlight);
        return worker;
    }

    /**
     * The sweep that deletes ended orders past keeping, not yet started. It runs beside each
     * worker, the processes that execute orders to their end.
     *
     * @param settings the engine's settings
     * @param backend  the store it deletes from
     * @return the sweep, or empty when retention is off
     */
    public static Optional<RetentionSweep> retention(EngineSettings settings, Backend backend) {
        return settings.retention()
                .map(retention -> new RetentionSweep(backend.retention(), retention, Clock.systemUTC()));
    }
}
