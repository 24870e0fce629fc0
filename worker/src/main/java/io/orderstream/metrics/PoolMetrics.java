package io.orderstream.metrics;

import java.util.Optional;

import io.helidon.metrics.api.Metrics;

import com.zaxxer.hikari.metrics.MetricsTrackerFactory;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * HikariCP's own pool meters ({@code hikaricp_connections_*}: active, idle, pending, acquire
 * and usage times, timeouts) in the Micrometer registry under Helidon's, so they are scraped
 * with the rest. HikariCP registers them when its pool starts and removes them when it closes.
 */
public final class PoolMetrics {
    private PoolMetrics() {
    }

    /**
     * What HikariCP reports its pool to.
     *
     * @return the tracker factory, or empty when Helidon's metrics do not run on Micrometer
     *         (metrics disabled): the pool then reports nothing
     */
    public static Optional<MetricsTrackerFactory> trackerFactory() {
        try {
            MeterRegistry micrometer = Metrics.globalRegistry().unwrap(MeterRegistry.class);
            return Optional.of(new MicrometerMetricsTrackerFactory(micrometer));
        } catch (ClassCastException e) {
            return Optional.empty();
        }
    }
}
