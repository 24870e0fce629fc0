package io.orderstream.worker;

import java.time.Duration;
import java.util.List;

import io.orderstream.logs.LogLevelObserver;

import io.helidon.webserver.observe.ObserveFeature;
import io.helidon.webserver.observe.health.HealthObserver;
import io.helidon.webserver.observe.metrics.MetricsObserver;

/**
 * Helidon's observability endpoints, as gateways and workers both serve them:
 * {@code /observe/health}, whose readiness follows the process's dependencies (the database,
 * and Redis when it runs distributed) and goes DOWN once it drains, while liveness is Helidon's
 * own, {@code /observe/metrics}, every meter of the process in Prometheus text, and
 * {@code /observe/log}, loggers' levels read and changed at run time.
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
     * @param draining     whether the process is draining, also a readiness check
     * @return the feature
     */
    public static ObserveFeature feature(List<Dependency> dependencies, Draining draining) {
        return ObserveFeature.just(health(dependencies, draining), MetricsObserver.create(), new LogLevelObserver());
    }

    private static HealthObserver health(List<Dependency> dependencies, Draining draining) {
        return HealthObserver.create(observer -> {
            observer.details(true);
            dependencies.forEach(dependency -> observer.addCheck(new ReadinessCheck(dependency, READINESS_TIMEOUT)));
            observer.addCheck(draining);
        });
    }
}
