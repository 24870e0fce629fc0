package io.orderstream.bus;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.orderstream.codec.OrderEventCodec;
import io.orderstream.order.OrderEvent;
import io.orderstream.redis.RedisCall;
import io.orderstream.redis.RedisCallException;

import org.redisson.api.RFuture;
import org.redisson.api.RTopic;
import org.redisson.api.listener.StatusListener;

/**
 * One subscription to one order's topic: a message listener that decodes and hands on events, and
 * a status listener that hears the topic being re-subscribed after an outage.
 * <p>
 * The status listener is added once the message listener has subscribed the channel, so it never
 * hears the first subscription, only re-subscriptions: each one raises the recovery signal.
 * When Redis cannot be reached at first, the subscription keeps trying in the background until it
 * is attached or closed, and raises the signal once attached, since events may have gone by.
 */
final class TopicSubscription implements EventBus.Subscription {
    private static final Logger LOG = Logger.getLogger(TopicSubscription.class.getName());
    // Shared by every subscription: a reconnect storm fails many subscribes at once.
    private static final ThrottledWarning SUBSCRIBE_FAILED = new ThrottledWarning(LOG, Duration.ofSeconds(10));
    private static final Duration RETRY_DELAY = Duration.ofSeconds(1);

    private final RTopic topic;
    private final String orderId;
    private final Consumer<OrderEvent> listener;
    private final RecoverySignal recovery;
    private final ScheduledExecutorService retries;
    private final Duration callLimit;
    private final Consumer<TopicSubscription> onClose;
    private final ReentrantLock lock = new ReentrantLock();
    private final List<Integer> listenerIds = new ArrayList<>();
    private ScheduledFuture<?> retry;
    private volatile boolean closed;

    TopicSubscription(RTopic topic, String orderId, Consumer<OrderEvent> listener, RecoverySignal recovery,
                      ScheduledExecutorService retries, Duration callLimit, Consumer<TopicSubscription> onClose) {
        this.topic = topic;
        this.orderId = orderId;
        this.listener = listener;
        this.recovery = recovery;
        this.retries = retries;
        this.callLimit = callLimit;
        this.onClose = onClose;
    }

    /**
     * Subscribes now, waiting at most about two call limits; when that fails, keeps trying in the
     * background.
     */
    void open() {
        if (!attach()) {
            scheduleRetry();
        }
    }

    /**
     * Stops delivery at once and unsubscribes in the background. Never blocks on Redis, so a
     * listener may close its own subscription from the delivery thread.
     */
    @Override
    public void close() {
        // Checked before every delivery, so nothing is delivered once close has returned.
        closed = true;
        lock.lock();
        try {
            if (retry != null) {
                retry.cancel(false);
            }
            removeAttached();
        } finally {
            lock.unlock();
        }
        onClose.accept(this);
    }

    private boolean attach() {
        lock.lock();
        try {
            if (closed) {
                return true;
            }
            listenerIds.add(awaitListener(topic.addListenerAsync(String.class, this::onMessage)));
            listenerIds.add(awaitListener(topic.addListenerAsync(new Resubscriptions())));
            return true;
        } catch (RedisCallException e) {
            SUBSCRIBE_FAILED.warn("Cannot subscribe to the events of order " + orderId + " yet, retrying: "
                                          + e.getMessage());
            removeAttached();
            return false;
        } finally {
            lock.unlock();
        }
    }

    private int awaitListener(RFuture<Integer> adding) {
        try {
            return RedisCall.awaitFinish(adding, callLimit);
        } catch (RedisCallException e) {
            // Should Redisson still add the listener later, take it off again.
            adding.thenAccept(topic::removeListenerAsync);
            throw e;
        }
    }

    private void removeAttached() {
        if (listenerIds.isEmpty()) {
            return;
        }
        topic.removeListenerAsync(listenerIds.toArray(Integer[]::new)).whenComplete((done, e) -> {
            if (e != null) {
                // Redisson has dropped the listeners locally; only the UNSUBSCRIBE did not reach Redis.
                LOG.fine("Unsubscribing from order " + orderId + " did not reach Redis: " + e.getMessage());
            }
        });
        listenerIds.clear();
    }

    private void scheduleRetry() {
        lock.lock();
        try {
            if (!closed) {
                retry = retries.schedule(this::retry, RETRY_DELAY.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (RejectedExecutionException e) {
            // The bus is closing, and closes this subscription too.
            LOG.fine("Subscription to order " + orderId + " not retried: the event bus is closed");
        } finally {
            lock.unlock();
        }
    }

    private void retry() {
        if (attach()) {
            if (!closed) {
                recovery.raise();
            }
        } else {
            scheduleRetry();
        }
    }

    private void onMessage(CharSequence channel, String json) {
        if (closed) {
            return;
        }
        OrderEvent event;
        try {
            event = OrderEventCodec.fromJson(json);
        } catch (IllegalArgumentException e) {
            LOG.log(Level.WARNING, "Dropping a malformed event on " + channel, e);
            return;
        }
        try {
            listener.accept(event);
        } catch (RuntimeException e) {
            // Redisson's delivery thread must keep going for the other subscriptions.
            LOG.log(Level.WARNING, "Event listener failed for order " + orderId, e);
        }
    }

    /** Hears the channel come back after Redisson re-subscribed it. */
    private final class Resubscriptions implements StatusListener {
        @Override
        public void onSubscribe(String channel) {
            if (!closed) {
                recovery.raise();
            }
        }

        @Override
        public void onUnsubscribe(String channel) {
            // Redisson re-subscribes by itself; only its coming back matters.
        }
    }
}
