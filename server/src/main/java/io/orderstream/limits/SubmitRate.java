package io.orderstream.limits;

import java.time.Duration;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;

/**
 * One token bucket of submits per caller: {@code orderstream.limits.submit.burst} tokens, refilled
 * at {@code orderstream.limits.submit.rate} per second, one taken per submit. Kept by this gateway
 * ({@link LocalSubmitRate}) or, distributed, in Redis for all gateways ({@link RedisSubmitRate}).
 * Thread-safe.
 */
interface SubmitRate {
    /**
     * Takes one submit from a caller's bucket.
     *
     * @param key the caller
     * @return zero when taken; otherwise how long until the bucket has one, and nothing was taken
     */
    Duration take(String key);

    /**
     * The bucket every caller gets.
     *
     * @param settings the rate and the burst
     * @return Bucket4j's configuration of it
     */
    static BucketConfiguration configuration(LimitSettings settings) {
        return BucketConfiguration.builder()
                .addLimit(bucket(settings))
                .build();
    }

    /**
     * The bandwidth of every caller's bucket: full at first, refilled greedily (token by token,
     * not all at once at the end of each period).
     *
     * @param settings the rate and the burst
     * @return the bandwidth
     */
    static Bandwidth bucket(LimitSettings settings) {
        return Bandwidth.builder()
                .capacity(settings.submitBurst())
                .refillGreedy(settings.submitBurst(), settings.submitRefill())
                .build();
    }
}
