package io.orderstream.worker;

import io.helidon.health.HealthCheck;
import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;

/**
 * Whether this process is draining: set once, when it is asked to stop, and never cleared.
 * Readiness reads DOWN from then on, so load balancers and orchestrators send it nothing new
 * while the work it holds is handed over; liveness stays UP, so it is not killed for it.
 */
public final class Draining implements HealthCheck {
    private volatile boolean started;

    /** Marks the process as draining. Idempotent. */
    public void start() {
        started = true;
    }

    /**
     * Whether {@link #start()} was called.
     *
     * @return true once draining
     */
    public boolean started() {
        return started;
    }

    @Override
    public HealthCheckType type() {
        return HealthCheckType.READINESS;
    }

    @Override
    public String name() {
        return "drain";
    }

    @Override
    public HealthCheckResponse call() {
        return started
                ? HealthCheckResponse.builder().status(false).detail("state", "draining").build()
                : HealthCheckResponse.builder().status(true).build();
    }
}
