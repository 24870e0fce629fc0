package io.orderstream.limits;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

/**
 * The submit buckets of one gateway, in its memory, on Bucket4j's local buckets: embedded mode's,
 * and a distributed gateway's while Redis does not answer.
 * <p>
 * {@code buckets} is owned here; each bucket is made, used and dropped inside
 * {@link ConcurrentHashMap#compute}, one call per caller at a time. A full bucket is no different
 * from a new one, so the full ones are dropped at most once per refill time: the map holds only
 * callers that submitted within the last refill time (two seconds by default).
 */
final class LocalSubmitRate implements SubmitRate {
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final Bandwidth bandwidth;
    private final long capacity;
    private final long sweepNanos;
    private final AtomicLong nextSweep;

    /**
     * Creates the buckets.
     *
     * @param settings the rate and the burst
     */
    LocalSubmitRate(LimitSettings settings) {
        this.bandwidth = SubmitRate.bucket(settings);
        this.capacity = settings.submitBurst();
        this.sweepNanos = Math.max(Duration.ofSeconds(1).toNanos(), settings.submitRefill().toNanos());
        this.nextSweep = new AtomicLong(System.nanoTime() + sweepNanos);
    }

    @Override
    public Duration take(String key) {
        sweepIfDue();
        ConsumptionProbe[] probe = new ConsumptionProbe[1];
        buckets.compute(key, (k, bucket) -> {
            Bucket current = bucket == null ? Bucket.builder().addLimit(bandwidth).build() : bucket;
            probe[0] = current.tryConsumeAndReturnRemaining(1);
            return current;
        });
        return probe[0].isConsumed() ? Duration.ZERO
                : Duration.ofNanos(Math.max(1, probe[0].getNanosToWaitForRefill()));
    }

    /**
     * Callers with a bucket now.
     *
     * @return count
     */
    int size() {
        return buckets.size();
    }

    // On the calling thread, by whichever caller finds it due first: no thread of its own to stop.
    private void sweepIfDue() {
        long now = System.nanoTime();
        long due = nextSweep.get();
        if (now - due < 0 || !nextSweep.compareAndSet(due, now + sweepNanos)) {
            return;
        }
        for (String key : buckets.keySet()) {
            buckets.computeIfPresent(key, (k, bucket) -> bucket.getAvailableTokens() >= capacity ? null : bucket);
        }
    }
}
