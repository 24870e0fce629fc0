package io.orderstream.tracing;

import java.util.List;

import io.orderstream.config.ConfigKey;

import io.helidon.config.Config;

/**
 * Whether the process traces orders. Off by default; on, everything else about the traces (where
 * they go, how they are sampled, the service's name) comes from OpenTelemetry's own
 * {@code OTEL_*} environment variables or {@code otel.*} system properties, read by the SDK's
 * autoconfigure module: see {@link Tracing#start}.
 *
 * @param enabled whether spans are made and exported
 */
public record TracingSettings(boolean enabled) {
    /** The one switch: true makes spans, exported as the {@code OTEL_*} variables say (OTLP by default). */
    public static final ConfigKey<Boolean> ENABLED = ConfigKey.flag("orderstream.tracing.enabled", false);
    /** Every key these settings read. */
    public static final List<ConfigKey<?>> KEYS = List.of(ENABLED);
    /** Tracing off. */
    public static final TracingSettings OFF = new TracingSettings(false);

    /**
     * Reads the settings.
     *
     * @param config the root configuration
     * @return the settings
     * @throws IllegalArgumentException when the value is neither true nor false
     */
    public static TracingSettings create(Config config) {
        return new TracingSettings(ENABLED.get(config));
    }
}
