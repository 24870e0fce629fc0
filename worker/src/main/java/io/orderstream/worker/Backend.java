package io.orderstream.worker;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.orderstream.bus.EventBus;
import io.orderstream.bus.InProcessEventBus;
import io.orderstream.bus.RedisEventBus;
import io.orderstream.dexsim.InMemoryLedger;
import io.orderstream.dexsim.RedisLedger;
import io.orderstream.metrics.CountedEventBus;
import io.orderstream.metrics.MeterSet;
import io.orderstream.metrics.PoolMetrics;
import io.orderstream.metrics.QueueGauges;
import io.orderstream.queue.InProcessWorkSignal;
import io.orderstream.queue.RedisWorkSignal;
import io.orderstream.queue.WorkSignal;
import io.orderstream.redis.RedisCall;
import io.orderstream.redis.RedisSettings;
import io.orderstream.routing.Ledger;
import io.orderstream.store.Database;
import io.orderstream.store.DatabaseSettings;
import io.orderstream.store.EventLog;
import io.orderstream.store.EventWriter;
import io.orderstream.store.OrderClaims;
import io.orderstream.store.OrderReplays;
import io.orderstream.store.OrderRetention;
import io.orderstream.store.OrderStore;

import org.redisson.api.RedissonClient;

/**
 * What gateways and workers share: the database (orders, events and the order queue with its
 * claims), the work signal and the event bus. The one place that picks the adapters: with Redis
 * configured ({@link BackendSettings#redis()}), Redis; without, in-process.
 */
public final class Backend implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Backend.class.getName());
    /** Steps waiting in each lane of the event writer: far more than any worker's concurrency. */
    private static final int WRITER_CAPACITY = 4096;

    private final MeterSet meters;
    private final Database database;
    private final OrderStore store;
    private final OrderClaims claims;
    private final OrderRetention retention;
    private final Messaging messaging;
    private final EventWriter writer;
    private final EventLog events;

    private Backend(MeterSet meters, Database database, int queueCapacity, int writerLanes, Messaging messaging) {
        this.meters = meters;
        this.database = database;
        this.store = new OrderStore(database, Clock.systemUTC(), queueCapacity);
        this.claims = new OrderClaims(database, Clock.systemUTC());
        this.retention = new OrderRetention(database);
        this.messaging = messaging;
        // Publishing counted; subscribing (the gateway's watches) goes to the bus itself.
        EventBus published = new CountedEventBus(messaging.bus(), meters);
        this.writer = new EventWriter(database, Clock.systemUTC(), writerLanes, WRITER_CAPACITY,
                                      published::publishAll);
        this.events = new EventLog(store, new OrderReplays(database, Clock.systemUTC(), queueCapacity), writer,
                                   published);
        QueueGauges.register(meters, claims);
    }

    /**
     * Opens the backend. Its meters (events published, the queue's gauges, the connection pool's)
     * are registered until it closes.
     *
     * @param settings the database, the queue's capacity, and Redis if any
     * @return the open backend
     */
    public static Backend open(BackendSettings settings) {
        DatabaseSettings databaseSettings = settings.database();
        MeterSet meters = new MeterSet();
        Database database;
        try {
            database = Database.open(databaseSettings, PoolMetrics.trackerFactory());
        } catch (RuntimeException e) {
            meters.close();
            throw e;
        }
        try {
            Backend backend = new Backend(meters, database, settings.queueCapacity(), databaseSettings.writerLanes(),
                                          settings.redis().map(Backend::redis).orElseGet(Backend::inProcess));
            if (database.isPrivate()) {
                // This process alone opens the file: claims left in it belong to a run that ended.
                int released = backend.claims.releaseEveryClaim();
                if (released > 0) {
                    LOG.info("Queued " + released + " unfinished orders of the previous run again");
                }
            }
            return backend;
        } catch (RuntimeException e) {
            database.close();
            meters.close();
            throw e;
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
     * The order queue and its claims.
     *
     * @return claims
     */
    public OrderClaims claims() {
        return claims;
    }

    /**
     * Deletes ended orders past keeping.
     *
     * @return retention
     */
    public OrderRetention retention() {
        return retention;
    }

    /**
     * Hints from gateways to workers that new orders are queued.
     *
     * @return the signal
     */
    public WorkSignal signal() {
        return messaging.signal();
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
     * The Redis client the backend runs on, for what else a distributed gateway keeps there (the
     * rate buckets every gateway shares). The backend closes it.
     *
     * @return the client, or empty in embedded mode
     */
    public Optional<RedissonClient> redis() {
        return messaging.redis();
    }

    /**
     * Records events: store, then bus.
     *
     * @return event log
     */
    public EventLog events() {
        return events;
    }

    /**
     * What this backend cannot work without: the database, and Redis when it runs distributed.
     * Each check is cheap (a connection validated by the driver; a PING) for readiness probes.
     *
     * @return the dependencies
     */
    public List<Dependency> dependencies() {
        List<Dependency> dependencies = new ArrayList<>();
        dependencies.add(Dependency.of("database", database::ping));
        messaging.redis().ifPresent(client -> dependencies.add(
                Dependency.of("redis", timeout -> RedisCall.ping(client, timeout))));
        return List.copyOf(dependencies);
    }

    @Override
    public void close() {
        try {
            writer.close();
        } finally {
            try {
                messaging.close();
            } finally {
                try {
                    database.close();
                } finally {
                    meters.close();
                }
            }
        }
    }

    private static Messaging inProcess() {
        return new Messaging(new InProcessWorkSignal(), new InProcessEventBus(), dex -> new InMemoryLedger(),
                             Optional.empty());
    }

    private static Messaging redis(RedisSettings settings) {
        String prefix = settings.prefix();
        Duration callLimit = settings.callLimit();
        RedissonClient client = settings.connect(prefix + ":" + ProcessHandle.current().pid());
        try {
            WorkSignal signal = new RedisWorkSignal(client, prefix, callLimit);
            EventBus bus = new RedisEventBus(client, prefix, callLimit);
            LOG.info("Distributed mode: Redis at " + settings.address() + ", keys under " + prefix + ":");
            return new Messaging(signal, bus, dex -> new RedisLedger(client, prefix, dex, callLimit),
                                 Optional.of(client));
        } catch (RuntimeException e) {
            client.shutdown();
            throw e;
        }
    }

    /** The work signal, the bus, the DEX ledgers, and the Redis client behind them when there is one. */
    private record Messaging(WorkSignal signal, EventBus bus, Function<String, Ledger> ledgers,
                             Optional<RedissonClient> redis) {
        void close() {
            try {
                signal.close();
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
