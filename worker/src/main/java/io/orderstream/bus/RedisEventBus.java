package io.orderstream.bus;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.logging.Logger;

import io.orderstream.codec.OrderEventCodec;
import io.orderstream.order.OrderEvent;
import io.orderstream.redis.RedisCall;
import io.orderstream.redis.RedisCallException;

import org.redisson.api.BatchOptions;
import org.redisson.api.RBatch;
import org.redisson.api.RTopic;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/**
 * The distributed bus: one Redis Pub/Sub channel per order, {@code <prefix>:events:<orderId>},
 * carrying events as JSON ({@link OrderEventCodec}).
 * <p>
 * A gateway subscribes only the channels of orders someone watches on it, so it receives only
 * their events; Redisson multiplexes all of its channels over the client's subscription
 * connections, whose number is fixed ({@link io.orderstream.redis.RedisSettings}: one), however
 * many orders are watched.
 * <p>
 * Best effort, as the store has every event: a publish waits at most the call limit and, when
 * Redis is unreachable, logs and returns. After an outage Redisson re-subscribes every channel;
 * the {@linkplain #onRecovery(Runnable) recovery listeners} are then called so that gateways
 * back-fill what they missed from the store.
 * Thread-safe; the caller owns the {@link RedissonClient}.
 */
public final class RedisEventBus implements EventBus {
    private static final Logger LOG = Logger.getLogger(RedisEventBus.class.getName());
    private static final Duration RECOVERY_SETTLE = Duration.ofMillis(200);
    private static final long WARN_INTERVAL_NANOS = Duration.ofSeconds(10).toNanos();

    private final RedissonClient redisson;
    private final String channelPrefix;
    private final Duration callLimit;
    private final ScheduledExecutorService scheduler;
    private final RecoverySignal recovery;
    private final Set<TopicSubscription> subscriptions = ConcurrentHashMap.newKeySet();
    private final AtomicLong lostPublishes = new AtomicLong();
    // Subscribed once, never unsubscribed: see holdSubscriptionConnection.
    private final RTopic anchor;
    private volatile boolean anchored;
    private final AtomicLong lastWarnNanos = new AtomicLong(System.nanoTime() - WARN_INTERVAL_NANOS);

    /**
     * Creates a bus. No call is made to Redis until the bus is used.
     *
     * @param redisson  the client, shared and owned by the caller
     * @param prefix    key prefix, e.g. {@code orderstream}
     * @param callLimit longest wait for any one Redis call
     */
    public RedisEventBus(RedissonClient redisson, String prefix, Duration callLimit) {
        this.redisson = redisson;
        this.channelPrefix = prefix + ":events:";
        this.anchor = redisson.getTopic(prefix + ":bus", StringCodec.INSTANCE);
        this.callLimit = callLimit;
        // One thread: it only retries subscriptions and calls recovery listeners.
        this.scheduler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("event-bus-recovery").daemon().factory());
        this.recovery = new RecoverySignal(scheduler, RECOVERY_SETTLE);
    }

    @Override
    public void publish(OrderEvent event) {
        try {
            // Finished even if interrupted: the event is stored, and watchers are waiting for it.
            RedisCall.awaitFinish(topic(event.orderId()).publishAsync(OrderEventCodec.toJson(event)), callLimit);
        } catch (RedisCallException e) {
            lost(event, e);
        }
    }

    /**
     * Sends the whole batch down one connection as one pipeline, so events of one order arrive
     * in the order given, and waits (at most the call limit) until Redis took it.
     */
    @Override
    public void publishAll(List<OrderEvent> events) {
        RBatch batch = redisson.createBatch(BatchOptions.defaults());
        for (OrderEvent event : events) {
            batch.getTopic(channelPrefix + event.orderId(), StringCodec.INSTANCE)
                    .publishAsync(OrderEventCodec.toJson(event));
        }
        try {
            RedisCall.awaitFinish(batch.executeAsync(), callLimit);
        } catch (RedisCallException e) {
            lost(events.getFirst(), e);
        }
    }

    @Override
    public Subscription subscribe(String orderId, Consumer<OrderEvent> listener) {
        holdSubscriptionConnection();
        TopicSubscription subscription = new TopicSubscription(topic(orderId), orderId, listener, recovery,
                                                               scheduler, callLimit, subscriptions::remove);
        subscriptions.add(subscription);
        subscription.open();
        return subscription;
    }

    /*
     * Redisson hands its subscription connection back to the pool whenever its last channel is
     * unsubscribed, and the next subscribe then waits for a connection from the pool; with no
     * retries configured, a wait longer than its retry delay fails that subscribe ("Unable to
     * acquire connection for subscription after 0 attempts"), which happened under a churn of
     * short watches. One channel subscribed for the bus's whole life keeps the connection held.
     */
    private void holdSubscriptionConnection() {
        if (anchored) {
            return;
        }
        synchronized (anchor) {
            if (anchored) {
                return;
            }
            try {
                RedisCall.awaitFinish(anchor.addListenerAsync(String.class, (channel, message) -> { }), callLimit);
                anchored = true;
            } catch (RedisCallException e) {
                // Redis is down: the watch's own subscription retries, and so does this, next time.
                LOG.fine("Subscription connection not held yet: " + e.getMessage());
            }
        }
    }

    @Override
    public void onRecovery(Runnable listener) {
        recovery.addListener(listener);
    }

    /**
     * Subscriptions open on this bus.
     *
     * @return count
     */
    public int subscriptionCount() {
        return subscriptions.size();
    }

    @Override
    public void close() {
        for (TopicSubscription subscription : List.copyOf(subscriptions)) {
            subscription.close();
        }
        scheduler.shutdownNow();
    }

    private RTopic topic(String orderId) {
        return redisson.getTopic(channelPrefix + orderId, StringCodec.INSTANCE);
    }

    private void lost(OrderEvent event, Exception e) {
        long lost = lostPublishes.incrementAndGet();
        long now = System.nanoTime();
        long last = lastWarnNanos.get();
        // One line per interval: an outage must not flood the log with one line per event.
        if (now - last >= WARN_INTERVAL_NANOS && lastWarnNanos.compareAndSet(last, now)) {
            LOG.warning("Event bus (Redis) unavailable, watchers will catch up from the store; event "
                                + event.seq() + " of order " + event.orderId() + " not published (" + lost
                                + " so far): " + e.getMessage());
        }
    }
}
