package io.orderstream.worker;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import io.orderstream.config.ConfigKey;
import io.orderstream.engine.RetryPolicy;
import io.orderstream.engine.WorkerSettings;
import io.orderstream.retention.RetentionSettings;
import io.orderstream.routing.DexSettings;

import io.helidon.config.Config;

/**
 * What {@link Engine} builds a worker from: how it claims, how it retries, the DEXs it routes to,
 * and the retention sweep that runs beside it.
 *
 * @param worker    claims and concurrency
 * @param retry     submission attempts and backoff
 * @param dex       the simulated DEXs and the DEX call timeout
 * @param retention the sweep, or empty when every order is kept
 */
public record EngineSettings(WorkerSettings worker, RetryPolicy retry, DexSettings dex,
                             Optional<RetentionSettings> retention) {
    /** Every key these settings read. */
    public static final List<ConfigKey<?>> KEYS = Stream.of(WorkerSettings.KEYS, RetryPolicy.KEYS, DexSettings.KEYS,
                                                            RetentionSettings.KEYS)
            .<ConfigKey<?>>flatMap(List::stream)
            .toList();

    /**
     * Validates the settings together.
     *
     * @param worker    claims and concurrency
     * @param retry     attempts and backoff
     * @param dex       DEXs
     * @param retention the sweep, if any
     * @throws IllegalArgumentException when a DEX call may outlast the claim it runs under
     */
    public EngineSettings {
        if (dex.timeout().compareTo(worker.claimLength()) >= 0) {
            throw new IllegalArgumentException(DexSettings.TIMEOUT.name() + " (" + dex.timeout().toMillis()
                    + ") must be shorter than " + WorkerSettings.CLAIM.name() + " (" + worker.claimLength().toMillis()
                    + ")");
        }
    }

    /**
     * Reads the settings.
     *
     * @param config the root configuration
     * @return the settings
     * @throws IllegalArgumentException when a value cannot be read or is out of range
     */
    public static EngineSettings create(Config config) {
        return new EngineSettings(WorkerSettings.create(config), RetryPolicy.create(config), DexSettings.create(config),
                                  RetentionSettings.create(config));
    }
}
