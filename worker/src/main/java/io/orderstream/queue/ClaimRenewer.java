package io.orderstream.queue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.orderstream.redis.RedisCall;
import io.orderstream.redis.RedisCallException;

import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;
import org.redisson.api.StreamMessageId;
import org.redisson.client.codec.StringCodec;

/**
 * Keeps this consumer's deliveries its own while they are being executed: every third of the
 * visibility timeout it resets their idle time in the consumer group, so other consumers do not
 * take them over however long an execution runs. When the process dies the renewals stop, and
 * its deliveries become stale after the visibility timeout.
 * <p>
 * Only entries still pending for this consumer are renewed, so a delivery that another consumer
 * took over meanwhile (this process stalled past the timeout) is never taken back.
 */
final class ClaimRenewer implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ClaimRenewer.class.getName());

    // KEYS[1] stream; ARGV[1] group, ARGV[2] consumer, ARGV[3..] entry ids.
    // Answers the ids still pending for the consumer, whose idle time it reset.
    private static final String RENEW = """
            local owned = {}
            for i = 3, #ARGV do
              local entry = redis.call('XPENDING', KEYS[1], ARGV[1], ARGV[i], ARGV[i], 1, ARGV[2])
              if #entry > 0 then
                redis.call('XCLAIM', KEYS[1], ARGV[1], ARGV[2], 0, ARGV[i], 'JUSTID')
                owned[#owned + 1] = ARGV[i]
              end
            end
            return owned
            """;

    private final RScript script;
    private final String streamKey;
    private final String group;
    private final String consumer;
    private final Duration callLimit;
    private final Set<String> held = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService timer;

    ClaimRenewer(RedissonClient redisson, String streamKey, String group, String consumer,
                 Duration visibility, Duration callLimit) {
        this.script = redisson.getScript(StringCodec.INSTANCE);
        this.streamKey = streamKey;
        this.group = group;
        this.consumer = consumer;
        this.callLimit = callLimit;
        this.timer = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("order-queue-claims").daemon().factory());
        long period = Math.max(1, visibility.toMillis() / 3);
        timer.scheduleWithFixedDelay(this::renewQuietly, period, period, TimeUnit.MILLISECONDS);
    }

    /**
     * Starts keeping a delivery.
     *
     * @param id the stream entry delivered to this consumer
     */
    void hold(StreamMessageId id) {
        held.add(id.toString());
    }

    /**
     * Stops keeping a delivery: it was acknowledged, or released for redelivery.
     *
     * @param id the stream entry
     */
    void forget(StreamMessageId id) {
        held.remove(id.toString());
    }

    private void renewQuietly() {
        try {
            renew();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RedisCallException e) {
            if (e.isErrorReply("NOGROUP")) {
                // Redis lost the stream (restarted empty): there is nothing left to keep.
                LOG.warning("The order stream or its group is gone; dropping " + held.size() + " claims");
                held.clear();
            } else {
                // Retried on the next tick; claims last a whole visibility timeout, three ticks.
                LOG.log(Level.WARNING, "Could not renew order claims: " + e.getMessage());
            }
        } catch (RuntimeException e) {
            // The timer must outlive any single failure, or every claim would lapse.
            LOG.log(Level.WARNING, "Could not renew order claims", e);
        }
    }

    private void renew() throws InterruptedException {
        List<Object> args = new ArrayList<>(held.size() + 2);
        args.add(group);
        args.add(consumer);
        args.addAll(held);
        if (args.size() == 2) {
            return;
        }
        List<Object> owned = RedisCall.await(
                script.evalAsync(streamKey, RScript.Mode.READ_WRITE, RENEW, RScript.ReturnType.MULTI,
                                 List.of(streamKey), args.toArray()),
                callLimit);
        for (Object id : args.subList(2, args.size())) {
            // Gone from our pending list but still held: another consumer took it over.
            if (!owned.contains(id) && held.remove(id.toString())) {
                LOG.warning("Order queue entry " + id + " was taken over by another consumer");
            }
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        held.clear();
    }
}
