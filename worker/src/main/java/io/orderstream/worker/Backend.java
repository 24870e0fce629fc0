package io.orderstream.worker;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.orderstream.bus.EventBus;
import io.orderstream.bus.InProcessEventBus;
import io.orderstream.bus.RedisEventBus;
import io.orderstream.queue.InProcessOrderQueue;
import io.orderstream.queue.OrderQueue;
import io.orderstream.queue.QueueUnavailableException;
import io.orderstream.queue.RedisOrderQueue;
import io.orderstream.redis.RedisSettings;
import io.orderstream.routing.InMemoryLedger;
import io.orderstream.routing.Ledger;
import io.orderstream.routing.RedisLedger;
import io.orderstream.store.Database;
import io.orderstream.store.EventLog;
import io.orderstream.store.OrderStore;

import io.helidon.config.Config;

import org.redisson.api.RedissonClient;

/**
 * What gateways and workers share: the database, the order queue and the event bus.
 * The one place that picks the adapters: with {@code orderstream.redis.address} set, Redis;
 * without, in-process.
 * <p>
 * Keys read under {@code orderstream}:
 * <ul>
 *     <li>{@code db.*}: see {@link Database#open(Config)};</li>
 *     <li>{@code queue.capacity}: most orders waiting or executing (default 10000);</li>
 *     <li>{@code queue.visibility.seconds}: how long a Redis delivery of a worker that stopped
 *     renewing it stays with that worker before another takes it over (default 30);</li>
 *     <li>{@code redis.address}, {@code redis.password}: where Redis is;</li>
 *     <li>{@code redis.prefix}: prefix of every Redis key and channel (default {@code orderstream});</li>
 *     <li>{@code redis.timeout.millis}: longest wait for any Redis call (default 1000);</li>
 *     <li>{@code redis.connections}: most Redis command connections (default worker concurrency
 *     plus 16, as each consumer loop blocks one while it polls).</li>
 * </ul>
 */
public final class Backend implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Backend.class.getName());

    private final Database database;
    private final OrderStore store;
    private final Messaging messaging;
    private final EventLog events;

    private Backend(Database database, Messaging messaging) {
        this.database = database;
        this.store = new OrderStore(database, Clock.systemUTC());
        this.messaging = messaging;
        this.events = new EventLog(store, messaging.bus());
    }

    /**
     * Opens the backend that {@code orderstream} configures.
     *
     * @param orderstream the {@code orderstream} config node
     * @return the open backend
     */
    public static Backend open(Config orderstream) {
        Database database = Database.open(orderstream.get("db"));
        try {
            Optional<String> redisAddress = orderstream.get("redis.address").asString().asOptional()
                    .filter(address -> !address.isBlank());
            Backend backend = new Backend(database, redisAddress.isPresent()
                    ? redis(orderstream, redisAddress.get())
                    : inProcess(orderstream));
            backend.queue().onReset(backend::requeueUnfinished);
            return backend;
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    /**
     * The queue starts empty of what it held (a new in-process queue; a Redis stream created
     * anew): orders left unfinished are queued again, and resume from their last stored step.
     */
    private void requeueUnfinished() {
        List<String> unfinished = store.unfinishedOrderIds();
        try {
            unfinished.forEach(messaging.queue()::enqueue);
        } catch (QueueUnavailableException e) {
            LOG.warning("Only part of " + unfinished.size() + " unfinished orders could be queued again: "
                                + e.getMessage());
        }
        if (!unfinished.isEmpty()) {
            LOG.info("Queued " + unfinished.size() + " unfinished orders again");
        }
    }

    /**
     * The order store.
     *
     * @return store
     */
    public OrderStore store() {
        return store;
    }

    /**
     * The order queue.
     *
     * @return queue
     */
    public OrderQueue queue() {
        return messaging.queue();
    }

    /**
     * The event bus.
     *
     * @return bus
     */
    public EventBus bus() {
        return messaging.bus();
    }

    /**
     * A new ledger for a simulated DEX: in memory, or in Redis so all workers share it.
     *
     * @param dex the DEX's name
     * @return its ledger
     */
    public Ledger ledger(String dex) {
        return messaging.ledgers().apply(dex);
    }

    /**
     * Records events: store, then bus.
     *
     * @return event log
     */
    public EventLog events() {
        return events;
    }

    @Override
    public void close() {
        try {
            messaging.close();
        } finally {
            database.close();
        }
    }

    private static Messaging inProcess(Config orderstream) {
        return new Messaging(new InProcessOrderQueue(queueCapacity(orderstream)), new InProcessEventBus(),
                             dex -> new InMemoryLedger(), Optional.empty());
    }

    private static Messaging redis(Config orderstream, String address) {
        Config redis = orderstream.get("redis");
        String prefix = redis.get("prefix").asString().orElse("orderstream");
        Duration timeout = Duration.ofMillis(redis.get("timeout.millis").asLong().orElse(1000L));
        int concurrency = orderstream.get("worker.concurrency").asInt().orElse(10);
        RedisSettings settings = new RedisSettings(
                address,
                redis.get("password").asString().asOptional(),
                prefix + ":" + ProcessHandle.current().pid(),
                timeout,
                redis.get("connections").asInt().orElse(concurrency + 16));
        Duration visibility = Duration.ofSeconds(orderstream.get("queue.visibility.seconds").asLong().orElse(30L));
        // A little over the client's own timeout, so Redisson reports its failure before we give up.
        Duration callLimit = timeout.plus(timeout.dividedBy(2));
        RedissonClient client = settings.connect();
        try {
            OrderQueue queue = new RedisOrderQueue(client, prefix, queueCapacity(orderstream), visibility, callLimit);
            EventBus bus = new RedisEventBus(client, prefix, callLimit);
            LOG.info("Distributed mode: Redis at " + address + ", keys under " + prefix + ":");
            return new Messaging(queue, bus, dex -> new RedisLedger(client, prefix, dex, callLimit),
                                 Optional.of(client));
        } catch (RuntimeException e) {
            client.shutdown();
            throw e;
        }
    }

    private static int queueCapacity(Config orderstream) {
        return orderstream.get("queue.capacity").asInt().orElse(10_000);
    }

    /** The queue, the bus, the DEX ledgers, and the Redis client behind them when there is one. */
    private record Messaging(OrderQueue queue, EventBus bus, Function<String, Ledger> ledgers,
                             Optional<RedissonClient> redis) {
        void close() {
            try {
                queue.close();
            } finally {
                try {
                    bus.close();
                } finally {
                    redis.ifPresent(Messaging::shutdown);
                }
            }
        }

        private static void shutdown(RedissonClient client) {
            try {
                client.shutdown(0, 2, TimeUnit.SECONDS);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Redis client did not shut down cleanly", e);
            }
        }
    }
}
