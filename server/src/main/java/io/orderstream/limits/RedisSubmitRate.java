package io.orderstream.limits;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;

import io.orderstream.net.Tally;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.AsyncProxyManager;
import io.github.bucket4j.redis.redisson.Bucket4jRedisson;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;

/**
 * The submit buckets of every gateway on one Redis, through Bucket4j's Redisson backend: one key
 * per caller ({@code <prefix>:limits:submit:<caller>}), changed by compare-and-swap, so a caller
 * gets one rate however many gateways it spreads its submits over. A key expires once its bucket
 * would be full again, so Redis keeps only recent callers.
 * <p>
 * Rate buckets may be lost with Redis (as hints and live events may): while Redis does not answer
 * within the call limit, this gateway takes from its own buckets instead, so callers stay limited
 * per gateway and submits go on; one log line per 10 s counts those.
 */
final class RedisSubmitRate implements SubmitRate {
    private static final Logger LOG = Logger.getLogger(RedisSubmitRate.class.getName());
    /** How long a full bucket's key outlives its refill: a little, so a key is not lost mid-use. */
    private static final Duration KEEP_FULL = Duration.ofSeconds(10);

    private final AsyncProxyManager<String> buckets;
    private final CompletableFuture<BucketConfiguration> configuration;
    private final String keyPrefix;
    private final Duration callLimit;
    private final SubmitRate fallback;
    private final Tally unanswered = new Tally(LOG, "submits limited by this gateway's own buckets because Redis did "
            + "not answer", Duration.ofSeconds(10));

    /**
     * Creates the buckets.
     *
     * @param client    the gateway's Redis client, which Redisson made ({@link Redisson})
     * @param prefix    the prefix of every key of this system in Redis
     * @param callLimit longest wait for Redis's answer
     * @param settings  the rate and the burst
     */
    RedisSubmitRate(RedissonClient client, String prefix, Duration callLimit, LimitSettings settings) {
        this.buckets = Bucket4jRedisson.casBasedBuilder(((Redisson) client).getCommandExecutor())
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(KEEP_FULL))
                .build()
                .asAsync();
        this.configuration = CompletableFuture.completedFuture(SubmitRate.configuration(settings));
        this.keyPrefix = prefix + ":limits:submit:";
        this.callLimit = callLimit;
        this.fallback = new LocalSubmitRate(settings);
    }

    @Override
    public Duration take(String key) {
        CompletableFuture<ConsumptionProbe> call;
        try {
            call = buckets.builder()
                    .build(keyPrefix + key, () -> configuration)
                    .tryConsumeAndReturnRemaining(1);
        } catch (RuntimeException e) {
            // Redisson may fail before sending, when it has no connection at all.
            unanswered.add(e);
            return fallback.take(key);
        }
        ConsumptionProbe probe;
        try {
            probe = call.get(callLimit.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            unanswered.add(e.getCause());
            return fallback.take(key);
        } catch (TimeoutException e) {
            call.cancel(false);
            unanswered.add(e);
            return fallback.take(key);
        } catch (InterruptedException e) {
            call.cancel(false);
            Thread.currentThread().interrupt();
            return fallback.take(key);
        }
        return probe.isConsumed() ? Duration.ZERO : Duration.ofNanos(Math.max(1, probe.getNanosToWaitForRefill()));
    }
}
