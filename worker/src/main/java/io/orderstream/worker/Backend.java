package io.orderstream.worker;

import java.time.Clock;

import io.orderstream.bus.EventBus;
import io.orderstream.bus.InProcessEventBus;
import io.orderstream.queue.InProcessOrderQueue;
import io.orderstream.queue.OrderQueue;
import io.orderstream.store.Database;
import io.orderstream.store.EventLog;
import io.orderstream.store.OrderStore;

import io.helidon.config.Config;

/**
 * What gateways and workers share: the database, the order queue and the event bus.
 * The one place that picks the adapters: with {@code orderstream.redis.address} set, Redis;
 * without, in-process.
 */
public final class Backend implements AutoCloseable {
    private final Database database;
    private final OrderStore store;
    private final OrderQueue queue;
    private final EventBus bus;
    private final EventLog events;

    private Backend(Database database, OrderQueue queue, EventBus bus) {
        this.database = database;
        this.store = new OrderStore(database, Clock.systemUTC());
        this.queue = queue;
        this.bus = bus;
        this.events = new EventLog(store, bus);
    }

    /**
     * Opens the backend that {@code orderstream} configures.
     *
     * @param orderstream the {@code orderstream} config node
     * @return the open backend
     */
    public static Backend open(Config orderstream) {
        Database database = Database.open(orderstream.get("db"));
        int queueCapacity = orderstream.get("queue.capacity").asInt().orElse(10_000);
        return new Backend(database, new InProcessOrderQueue(queueCapacity), new InProcessEventBus());
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
        return queue;
    }

    /**
     * The event bus.
     *
     * @return bus
     */
    public EventBus bus() {
        return bus;
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
        queue.close();
        bus.close();
        database.close();
    }
}
