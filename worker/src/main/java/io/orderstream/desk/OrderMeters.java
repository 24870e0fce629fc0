package io.orderstream.desk;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.orderstream.metrics.ExecutionMetrics;
import io.orderstream.metrics.MeterSet;

import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.Timer;

/**
 * What the use cases record of orders: submits that created an order (by face), cancels and
 * replays. Workers count the other ends, confirmed and failed, where they record them.
 * Thread-safe; recording allocates nothing.
 */
public final class OrderMeters {
    private final Map<SubmitFace, Counter> submitted = new EnumMap<>(SubmitFace.class);
    private final Counter cancelled;
    private final Counter replayed;
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
        replayed = meters.counter("orderstream.orders.replayed", "Failed orders an administrator queued again");
    }

    void submitted(SubmitFace face) {
        submitted.get(face).increment();
    }

    void cancelled(long lifetimeMillis) {
        cancelled.increment();
        cancelledDuration.record(Math.max(0, lifetimeMillis), TimeUnit.MILLISECONDS);
    }

    void replayed() {
        replayed.increment();
    }
}
