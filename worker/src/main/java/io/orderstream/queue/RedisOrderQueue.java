package io.orderstream.queue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.orderstream.redis.RedisCall;
import io.orderstream.redis.RedisCallException;

import org.redisson.api.AutoClaimResult;
import org.redisson.api.BatchOptions;
import org.redisson.api.RBatch;
import org.redisson.api.RScript;
import org.redisson.api.RStream;
import org.redisson.api.RStreamAsync;
import org.redisson.api.RedissonClient;
import org.redisson.api.StreamMessageId;
import org.redisson.api.stream.StreamCreateGroupArgs;
import org.redisson.api.stream.StreamReadGroupArgs;
import org.redisson.client.codec.StringCodec;

/**
 * The distributed queue: the Redis Stream {@code <prefix>:orders}, read by the consumer group
 * {@value #GROUP} that every worker process joins under its own consumer name.
 * <p>
 * An order's entry is added by {@code XADD} (refused while the stream holds {@code capacity}
 * entries), handed to one consumer by {@code XREADGROUP}, and removed by {@code XACK} and
 * {@code XDEL} together when the delivery is acknowledged. The stream therefore holds exactly the
 * orders waiting or being executed, and its length is the queue's depth.
 * <p>
 * At-least-once with a visibility timeout: a delivery stays with its consumer as long as that
 * consumer's process lives, however long the execution takes, because the queue renews its claims
 * on a timer ({@link ClaimRenewer}); workers need not do anything. A delivery whose consumer died,
 * or that was {@linkplain Delivery#release() released}, is idle for longer than the visibility
 * timeout and is taken over by the next poll of any consumer ({@code XAUTOCLAIM}).
 * <p>
 * Every call waits at most the configured call limit (a blocking poll, its timeout more), so
 * callers fail fast with {@link QueueUnavailableException} when Redis is unreachable.
 * Thread-safe; the caller owns the {@link RedissonClient}.
 */
public final class RedisOrderQueue implements OrderQueue {
    /** The consumer group of all workers. */
    public static final String GROUP = "workers";

    private static final Logger LOG = Logger.getLogger(RedisOrderQueue.class.getName());
    private static final String ORDER_FIELD = "order";

    // KEYS[1] stream; ARGV[1] capacity, ARGV[2] field name, ARGV[3] order id. One script, so that
    // concurrent gateways cannot together overshoot the capacity. Answers the new id, or nil when full.
    private static final String ENQUEUE = """
            if redis.call('XLEN', KEYS[1]) >= tonumber(ARGV[1]) then
              return false
            end
            return redis.call('XADD', KEYS[1], '*', ARGV[2], ARGV[3])
            """;

    // KEYS[1] stream; ARGV[1] group, ARGV[2] consumer. Leaves a consumer that still has pending
    // entries, since deleting it would drop them from the group.
    private static final String LEAVE = """
            local pending = redis.pcall('XPENDING', KEYS[1], ARGV[1], '-', '+', 1, ARGV[2])
            if type(pending) == 'table' and pending.err == nil and #pending == 0 then
              return redis.call('XGROUP', 'DELCONSUMER', KEYS[1], ARGV[1], ARGV[2])
            end
            return -1
            """;

    private final RedissonClient redisson;
    private final RStream<String, String> stream;
    private final RScript script;
    private final String streamKey;
    private final String consumer;
    private final int capacity;
    private final Duration visibility;
    private final Duration callLimit;
    private final ClaimRenewer claims;
    private final StaleScan staleScan;
    private final AtomicBoolean groupReady = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Runnable resetListener = () -> { };

    /**
     * Creates a queue. No call is made to Redis until the queue is used.
     *
     * @param redisson   the client, shared and owned by the caller
     * @param prefix     key prefix, e.g. {@code orderstream}
     * @param capacity   most entries in the stream; more orders are refused
     * @param visibility how long a delivery may go unrenewed before another consumer takes it over
     * @param callLimit  longest wait for any one Redis call
     */
    public RedisOrderQueue(RedissonClient redisson, String prefix, int capacity, Duration visibility,
                           Duration callLimit) {
        if (capacity < 1) {
            throw new IllegalArgumentException("Queue capacity must be at least 1, got " + capacity);
        }
        if (visibility.toMillis() < 3) {
            throw new IllegalArgumentException("Visibility timeout too short: " + visibility);
        }
        this.redisson = redisson;
        this.streamKey = prefix + ":orders";
        this.stream = redisson.getStream(streamKey, StringCodec.INSTANCE);
        this.script = redisson.getScript(StringCodec.INSTANCE);
        this.consumer = uniqueConsumerName();
        this.capacity = capacity;
        this.visibility = visibility;
        this.callLimit = callLimit;
        this.claims = new ClaimRenewer(redisson, streamKey, GROUP, consumer, visibility, callLimit);
        this.staleScan = new StaleScan(visibility.toNanos() / 4);
    }

    /**
     * This queue's consumer name in the group: host, process id and a random part.
     *
     * @return consumer name
     */
    public String consumerName() {
        return consumer;
    }

    @Override
    public void enqueue(String orderId) {
        String entryId;
        try {
            // Finished even if interrupted: the caller must learn whether the order is in.
            entryId = RedisCall.awaitFinish(
                    script.evalAsync(streamKey, RScript.Mode.READ_WRITE, ENQUEUE, RScript.ReturnType.VALUE,
                                     List.of(streamKey), String.valueOf(capacity), ORDER_FIELD, orderId),
                    callLimit);
        } catch (RedisCallException e) {
            throw unavailable("enqueue order " + orderId, e);
        }
        if (entryId == null) {
            throw new QueueUnavailableException("The order queue is full (" + capacity + " orders)", null);
        }
    }

    @Override
    public Optional<Delivery> poll(Duration timeout) throws InterruptedException {
        try {
            ensureGroup();
            Optional<Delivery> stale = takeOverStale();
            return stale.isPresent() ? stale : readNew(timeout);
        } catch (RedisCallException e) {
            if (e.isErrorReply("NOGROUP")) {
                // Redis lost the stream or the group (restarted empty): create it on the next poll.
                groupReady.set(false);
                staleScan.restart();
                return Optional.empty();
            }
            throw unavailable("poll", e);
        }
    }

    /**
     * Orders in the stream: waiting, or delivered and not yet acknowledged. One {@code XLEN}.
     *
     * @return stream length
     * @throws QueueUnavailableException when Redis cannot be reached
     */
    @Override
    public void onReset(Runnable listener) {
        this.resetListener = listener;
    }

    @Override
    public long depth() {
        try {
            return RedisCall.awaitFinish(stream.sizeAsync(), callLimit);
        } catch (RedisCallException e) {
            throw unavailable("read the queue depth", e);
        }
    }

    /** Stops renewing claims, so deliveries still held go to other consumers after the timeout. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        claims.close();
        try {
            RedisCall.awaitFinish(script.evalAsync(streamKey, RScript.Mode.READ_WRITE, LEAVE,
                                                   RScript.ReturnType.INTEGER, List.of(streamKey), GROUP, consumer),
                                  callLimit);
        } catch (RedisCallException e) {
            // A consumer left in the group holds nothing and costs a few bytes.
            LOG.log(Level.FINE, "Consumer " + consumer + " stays in the group: " + e.getMessage());
        }
    }

    private void ensureGroup() throws InterruptedException {
        if (groupReady.get()) {
            return;
        }
        try {
            // From the stream's start: orders enqueued before any worker existed are delivered too.
            RedisCall.await(stream.createGroupAsync(StreamCreateGroupArgs.name(GROUP)
                                                            .id(StreamMessageId.ALL)
                                                            .makeStream()),
                            callLimit);
            groupReady.set(true);
            // Only the consumer that created the group gets here: one re-queue per reset, not one
            // per worker. The stream is new, so what the old one held must be queued again.
            LOG.info("Order stream " + streamKey + " created anew; queueing unfinished orders again");
            resetListener.run();
        } catch (RedisCallException e) {
            if (!e.isErrorReply("BUSYGROUP")) {
                throw e;
            }
            groupReady.set(true);
        }
    }

    private Optional<Delivery> takeOverStale() throws InterruptedException {
        StreamMessageId start = staleScan.due();
        if (start == null) {
            return Optional.empty();
        }
        AutoClaimResult<String, String> result = RedisCall.await(
                stream.autoClaimAsync(GROUP, consumer, visibility.toMillis(), TimeUnit.MILLISECONDS, start, 1),
                callLimit);
        staleScan.advance(result.getNextId(), !result.getMessages().isEmpty());
        Optional<Delivery> delivery = firstDelivery(result.getMessages());
        delivery.ifPresent(d -> LOG.info("Took over order " + d.orderId() + " from a consumer that stopped"));
        return delivery;
    }

    private Optional<Delivery> readNew(Duration timeout) throws InterruptedException {
        StreamReadGroupArgs args = StreamReadGroupArgs.neverDelivered().count(1);
        long blockMillis = timeout.toMillis();
        if (blockMillis > 0) {
            // BLOCK 0 would wait forever, so a zero timeout reads without blocking.
            args = args.timeout(Duration.ofMillis(blockMillis));
        }
        Map<StreamMessageId, Map<String, String>> entries = RedisCall.await(
                stream.readGroupAsync(GROUP, consumer, args), callLimit.plus(Duration.ofMillis(blockMillis)));
        return firstDelivery(entries);
    }

    private Optional<Delivery> firstDelivery(Map<StreamMessageId, Map<String, String>> entries) {
        if (entries == null || entries.isEmpty()) {
            return Optional.empty();
        }
        Map.Entry<StreamMessageId, Map<String, String>> entry = entries.entrySet().iterator().next();
        String orderId = entry.getValue() == null ? null : entry.getValue().get(ORDER_FIELD);
        if (orderId == null) {
            // Nothing can execute it; keeping it would only have it redelivered forever.
            LOG.warning("Dropping order queue entry " + entry.getKey() + " without an order id: " + entry.getValue());
            remove(entry.getKey());
            return Optional.empty();
        }
        claims.hold(entry.getKey());
        return Optional.of(new StreamDelivery(entry.getKey(), orderId));
    }

    private void remove(StreamMessageId id) {
        // One transaction, so an entry is never acknowledged yet left in the stream to count as waiting.
        RBatch batch = redisson.createBatch(BatchOptions.defaults()
                                                    .executionMode(BatchOptions.ExecutionMode.IN_MEMORY_ATOMIC)
                                                    .retryAttempts(0)
                                                    .responseTimeout(callLimit.toMillis(), TimeUnit.MILLISECONDS));
        RStreamAsync<String, String> inBatch = batch.getStream(streamKey, StringCodec.INSTANCE);
        inBatch.ackAsync(GROUP, id);
        inBatch.removeAsync(id);
        // Finished even if interrupted: a worker that is stopping still hands in what it completed.
        RedisCall.awaitFinish(batch.executeAsync(), callLimit);
    }

    private QueueUnavailableException unavailable(String what, RedisCallException e) {
        return new QueueUnavailableException("The order queue (Redis) could not " + what + ": " + e.getMessage(), e);
    }

    private static String uniqueConsumerName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            // The name only has to be unique and readable; the random part keeps it unique.
            host = "unknown-host";
        }
        byte[] random = new byte[4];
        ThreadLocalRandom.current().nextBytes(random);
        return host + ":" + ProcessHandle.current().pid() + ":" + HexFormat.of().formatHex(random);
    }

    /** One entry delivered to this consumer. */
    private final class StreamDelivery implements Delivery {
        private final StreamMessageId id;
        private final String orderId;

        StreamDelivery(StreamMessageId id, String orderId) {
            this.id = id;
            this.orderId = orderId;
        }

        @Override
        public String orderId() {
            return orderId;
        }

        @Override
        public void ack() {
            claims.forget(id);
            try {
                remove(id);
            } catch (RedisCallException e) {
                if (e.isErrorReply("NOGROUP")) {
                    // Redis lost the stream: the entry is gone already.
                    return;
                }
                throw unavailable("acknowledge order " + orderId, e);
            }
        }

        @Override
        public void release() {
            // Unrenewed, the entry turns stale after the visibility timeout and is taken over.
            claims.forget(id);
        }
    }
}
