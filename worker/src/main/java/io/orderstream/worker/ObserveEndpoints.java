package io.orderstream.worker;

import java.time.Duration;
import java.util.List;

import io.helidon.webserver.observe.ObserveFeature;
import io.helidon.webserver.observe.health.HealthObserver;
import io.helidon.webserver.observe.metrics.MetricsObserver;

/**
 * Helidon's observability endpoints, as gateways and workers both serve them:
 * {@code /observe/health}, whose readiness follows the process's dependencies (the database,
 * and Redis when it runs distributed) while liveness is Helidon's own, and
 * {@code /observe/metrics}, every meter of the process in Prometheus text.
 */
public final class ObserveEndpoints {
    /** Longest wait of a readiness probe for the database or Redis to answer. */
    private static final Duration READINESS_TIMEOUT = Duration.ofSeconds(1);

    private ObserveEndpoints() {
    }

    /**
     * The endpoints as a feature of a Helidon web server.
     *
     * @param dependencies what readiness checks, each on its own
     * @return the feature
     */
    public static ObserveFeature feature(List<Dependency> dependencies) {
        return ObserveFeature.just(health(dependencies), MetricsObserver.create());
    }

    private static HealthObserver health(List<Dependency> dependencies) {
        return HealthObserver.create(observer -> {
            observer.details(true);
            dependencies.forEach(dependency -> observer.addCheck(new ReadinessCheck(dependency, READINESS_TIMEOUT)));
        });
    }
}
