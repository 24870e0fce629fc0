package io.orderstream.queue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.orderstream.redis.RedisCall;
import io.orderstream.redis.RedisCallException;

import org.redisson.api.RTopic;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/**
 * The distributed signal: the Pub/Sub channel {@code <prefix>:work}. Gateways publish on it;
 * workers subscribe the first time they wait, so a gateway receives nothing it does not need.
 * <p>
 * Announcements are coalesced: while one publish is in flight, further announcements become a
 * single publish after it, so a burst of submits costs Redis a few messages, not one each.
 * Thread-safe; the caller owns the {@link RedissonClient}.
 */
public final class RedisWorkSignal implements WorkSignal {
    private static final Logger LOG = Logger.getLogger(RedisWorkSignal.class.getName());

    private final RTopic topic;
    private final Duration callLimit;
    private final Mailbox mailbox = new Mailbox();
    private final AtomicBoolean sending = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private final Object subscribing = new Object();
    // Guarded by subscribing.
    private Integer listenerId;
    private volatile boolean closed;

    /**
     * Creates the signal. No call is made to Redis until it is used.
     *
     * @param redisson  the client, shared and owned by the caller
     * @param prefix    key prefix, e.g. {@code orderstream}
     * @param callLimit longest wait for subscribing
     */
    public RedisWorkSignal(RedissonClient redisson, String prefix, Duration callLimit) {
        this.topic = redisson.getTopic(prefix + ":work", StringCodec.INSTANCE);
        this.callLimit = callLimit;
    }

    @Override
    public void announce() {
        again.set(true);
        if (!closed && sending.compareAndSet(false, true)) {
            send();
        }
    }

    private void send() {
        again.set(false);
        topic.publishAsync("work").whenComplete((receivers, failure) -> {
            if (failure != null) {
                // Workers poll the database anyway; a lost hint only delays.
                LOG.log(Level.FINE, "Work hint not published", failure);
            }
            sending.set(false);
            if (again.get()) {
                announce();
            }
        });
    }

    @Override
    public boolean await(Duration timeout) throws InterruptedException {
        listen();
        return mailbox.take(timeout);
    }

    private void listen() throws InterruptedException {
        synchronized (subscribing) {
            if (listenerId != null || closed) {
                return;
            }
            try {
                listenerId = RedisCall.await(topic.addListenerAsync(String.class, (channel, message) -> mailbox.post()),
                                             callLimit);
            } catch (RedisCallException e) {
                // Redis is down: this wait times out and polls the database; the next one tries again.
                LOG.log(Level.FINE, "Work hints not subscribed yet", e);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        synchronized (subscribing) {
            if (listenerId != null) {
                try {
                    RedisCall.awaitFinish(topic.removeListenerAsync(listenerId), callLimit);
                } catch (RedisCallException e) {
                    LOG.log(Level.FINE, "Work hints not unsubscribed; the client's shutdown drops them", e);
                }
                listenerId = null;
            }
        }
    }
}
