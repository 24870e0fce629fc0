package io.orderstream.worker;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import io.helidon.health.HealthCheck;
import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;

/**
 * Readiness of one dependency on Helidon's health endpoint ({@code /observe/health/ready} and
 * {@code /observe/health}): UP while it answers, DOWN with the reason while it does not. Liveness
 * does not depend on it: a gateway or worker whose database or Redis is away is alive, and works
 * again when they come back.
 * <p>
 * The check waits at most {@code timeout} for its probe, which runs on a virtual thread of its
 * own: a database pool that would wait longer for a connection reads DOWN at once instead of
 * holding the health request. While a probe is still waiting, the next checks wait on it too
 * rather than start another, so an outage never piles probes up.
 */
public final class ReadinessCheck implements HealthCheck {
    private final Dependency dependency;
    private final Duration timeout;
    private final AtomicReference<CompletableFuture<Void>> probe =
            new AtomicReference<>(CompletableFuture.completedFuture(null));

    /**
     * A check of one dependency.
     *
     * @param dependency what is checked
     * @param timeout    longest wait for its answer
     */
    public ReadinessCheck(Dependency dependency, Duration timeout) {
        this.dependency = dependency;
        this.timeout = timeout;
    }

    @Override
    public HealthCheckType type() {
        return HealthCheckType.READINESS;
    }

    @Override
    public String name() {
        return dependency.name();
    }

    @Override
    public HealthCheckResponse call() {
        try {
            probe().get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            return HealthCheckResponse.builder().status(true).build();
        } catch (TimeoutException e) {
            return down("no answer within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            return down(cause.getMessage() == null ? cause.toString() : cause.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return down("interrupted while waiting for an answer");
        }
    }

    private CompletableFuture<Void> probe() {
        CompletableFuture<Void> current = probe.get();
        if (!current.isDone()) {
            return current;
        }
        CompletableFuture<Void> next = new CompletableFuture<>();
        if (!probe.compareAndSet(current, next)) {
            // Another check started one just now: share it.
            return probe.get();
        }
        Thread.ofVirtual().name("readiness-" + dependency.name()).start(() -> {
            try {
                dependency.ping(timeout);
                next.complete(null);
            } catch (RuntimeException e) {
                next.completeExceptionally(e);
            }
        });
        return next;
    }

    private static HealthCheckResponse down(String why) {
        return HealthCheckResponse.builder().status(false).detail("error", why).build();
    }
}
