package io.orderstream.engine;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.orderstream.store.OrderClaims;

/**
 * Keeps a worker's claims alive: every third of the claim's length it extends the claims of the
 * orders executing in the worker, so an execution holds its order however long it takes while the
 * process lives, and loses it within a claim's length when the process dies. An execution whose
 * claim was not extended (lost while the database could not be reached, and maybe taken by
 * another worker) is interrupted before it sends anything more.
 */
final class ClaimHeartbeat implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ClaimHeartbeat.class.getName());

    private final OrderClaims claims;
    private final String owner;
    private final Duration claimLength;
    // The worker's executions by order id; the heartbeat only reads it.
    private final Map<String, Thread> running;
    private final ScheduledExecutorService beats = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("claim-heartbeat").daemon().factory());

    ClaimHeartbeat(OrderClaims claims, String owner, Duration claimLength, Map<String, Thread> running) {
        this.claims = claims;
        this.owner = owner;
        this.claimLength = claimLength;
        this.running = running;
    }

    /** Starts beating. */
    void start() {
        long beat = claimLength.toMillis() / 3;
        beats.scheduleWithFixedDelay(this::renew, beat, beat, TimeUnit.MILLISECONDS);
    }

    private void renew() {
        List<String> held = List.copyOf(running.keySet());
        try {
            Set<String> renewed = claims.renew(owner, held, claimLength);
            for (String orderId : held) {
                Thread execution = running.get(orderId);
                if (!renewed.contains(orderId) && execution != null) {
                    // Ended just now, or lost while the heartbeat could not reach the database and
                    // maybe claimed by another worker: stop before this one sends anything more.
                    execution.interrupt();
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Claims of " + held.size() + " orders not renewed; retrying at the next beat", e);
        }
    }

    /** Stops beating; the claims lapse after their length unless released. */
    @Override
    public void close() {
        beats.shutdownNow();
    }
}
