package io.orderstream.gateway;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.orderstream.metrics.ExecutionMetrics;
import io.orderstream.metrics.MeterSet;

import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.Timer;

/**
 * What the gateway itself records of orders: submits that created an order (by face) and
 * cancels. Workers count the other ends, confirmed and failed, where they record them.
 * Thread-safe; recording allocates nothing.
 */
public final class OrderMeters {
    private final Map<SubmitFace, Counter> submitted = new EnumMap<>(SubmitFace.class);
    private final Counter cancelled;
    private final Timer cancelledDuration;

    /**
     * Registers the meters.
     *
     * @param meters where, until it closes
     */
    public OrderMeters(MeterSet meters) {
        for (SubmitFace face : SubmitFace.values()) {
            submitted.put(face, meters.counter("orderstream.orders.submitted",
                                               "Orders accepted, by face (a repeated idempotency key not counted)",
                                               "face", face.tag()));
        }
        cancelled = meters.counter("orderstream.orders.cancelled", "Orders cancelled by their client");
        cancelledDuration = ExecutionMetrics.duration(meters, "cancelled");
    }

    void submitted(SubmitFace face) {
        submitted.get(face).increment();
    }

    void cancelled(long lifetimeMillis) {
        cancelled.increment();
        cancelledDuration.record(Math.max(0, lifetimeMillis), TimeUnit.MILLISECONDS);
    }
}
