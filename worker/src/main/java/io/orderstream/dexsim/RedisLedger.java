package io.orderstream.dexsim;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.orderstream.redis.RedisCall;
import io.orderstream.redis.RedisCallException;
import io.orderstream.routing.Execution;
import io.orderstream.routing.Ledger;
import io.orderstream.routing.TransientDexException;

import org.redisson.api.BatchOptions;
import org.redisson.api.RAtomicLong;
import org.redisson.api.RAtomicLongAsync;
import org.redisson.api.RBatch;
import org.redisson.api.RBucket;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/**
 * The ledger of a DEX shared by every worker process, in Redis: per transaction
 * {@code <prefix>:dex:<dex>:submissions:<signature>} (a counter) and
 * {@code <prefix>:dex:<dex>:landed:<signature>} ({@code price amountOut}), each kept a day.
 * <p>
 * When Redis cannot be reached the DEX cannot reach its chain: recording fails with
 * {@link TransientDexException}, which the executor retries like any dropped submission, and a
 * failed lookup throws {@link RedisCallException}, so the order is delivered again later.
 * Thread-safe; the caller owns the {@link RedissonClient}.
 */
public final class RedisLedger implements Ledger {
    private static final Duration KEEP = Duration.ofDays(1);

    private final RedissonClient redisson;
    private final String keyPrefix;
    private final Duration callLimit;

    /**
     * Creates the ledger of one DEX.
     *
     * @param redisson  the client, shared and owned by the caller
     * @param prefix    key prefix, e.g. {@code orderstream}
     * @param dex       the DEX's name
     * @param callLimit longest wait for any one Redis call
     */
    public RedisLedger(RedissonClient redisson, String prefix, String dex, Duration callLimit) {
        this.redisson = redisson;
        this.keyPrefix = prefix + ":dex:" + dex + ":";
        this.callLimit = callLimit;
    }

    @Override
    public void submitted(String signature) throws InterruptedException {
        // Counted and given its time to live in one round trip.
        RBatch batch = redisson.createBatch(BatchOptions.defaults());
        RAtomicLongAsync counter = batch.getAtomicLong(submissionKey(signature));
        counter.incrementAndGetAsync();
        counter.expireAsync(KEEP);
        try {
            RedisCall.await(batch.executeAsync(), callLimit);
        } catch (RedisCallException e) {
            throw new TransientDexException("RPC node unreachable (" + e.getMessage() + ")");
        }
    }

    @Override
    public void landed(Execution execution) throws InterruptedException {
        String value = execution.executionPrice().toPlainString() + " " + execution.amountOut().toPlainString();
        try {
            RedisCall.await(landedBucket(execution.signature()).setAsync(value, KEEP.toSeconds(), TimeUnit.SECONDS),
                            callLimit);
        } catch (RedisCallException e) {
            throw new TransientDexException("Confirmation lost (" + e.getMessage() + ")");
        }
    }

    @Override
    public Optional<Execution> lookup(String signature) {
        String value = RedisCall.awaitFinish(landedBucket(signature).getAsync(), callLimit);
        if (value == null) {
            return Optional.empty();
        }
        String[] parts = value.split(" ");
        return Optional.of(new Execution(signature, new BigDecimal(parts[0]), new BigDecimal(parts[1])));
    }

    @Override
    public long submissions(String signature) {
        return RedisCall.awaitFinish(submissionCounter(signature).getAsync(), callLimit);
    }

    private RAtomicLong submissionCounter(String signature) {
        return redisson.getAtomicLong(submissionKey(signature));
    }

    private String submissionKey(String signature) {
        return keyPrefix + "submissions:" + signature;
    }

    private RBucket<String> landedBucket(String signature) {
        return redisson.getBucket(keyPrefix + "landed:" + signature, StringCodec.INSTANCE);
    }
}
