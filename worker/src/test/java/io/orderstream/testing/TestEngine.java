package io.orderstream.testing;

import java.time.Clock;

import io.orderstream.bus.InProcessEventBus;
import io.orderstream.metrics.ExecutionMetrics;
import io.orderstream.metrics.MeterSet;
import io.orderstream.queue.InProcessWorkSignal;
import io.orderstream.store.Database;
import io.orderstream.store.EventLog;
import io.orderstream.store.EventWriter;
import io.orderstream.store.OrderClaims;
import io.orderstream.store.OrderReplays;
import io.orderstream.store.OrderStore;

/**
 * What an execution runs on, as the embedded worker wires it, over a private in-memory database:
 * the store and its claims, the event writer and log on an in-process bus, the executions'
 * meters, and a desk to submit, cancel and replay orders through. Closed in reverse order.
 *
 * @param meters  the executions' meters
 * @param metrics what executions record
 * @param database the database
 * @param store   orders and events
 * @param claims  the order queue
 * @param writer  the group-committing event writer
 * @param events  the event log
 * @param desk    the desk clients call
 */
public record TestEngine(MeterSet meters, ExecutionMetrics metrics, Database database, OrderStore store,
                         OrderClaims claims, EventWriter writer, EventLog events, TestDesk desk)
        implements AutoCloseable {
    /**
     * Opens a fresh engine.
     *
     * @param name what it is for, part of its database's name
     * @return the engine
     */
    public static TestEngine open(String name) {
        MeterSet meters = new MeterSet();
        ExecutionMetrics metrics = ExecutionMetrics.register(meters);
        Database database = TestH2.open(name);
        OrderStore store = new OrderStore(database, Clock.systemUTC(), 100);
        OrderClaims claims = new OrderClaims(database, Clock.systemUTC());
        InProcessEventBus bus = new InProcessEventBus();
        EventWriter writer = new EventWriter(database, Clock.systemUTC(), 1, 100, bus::publishAll);
        EventLog events = new EventLog(store, new OrderReplays(database, Clock.systemUTC(), 100), writer, bus);
        TestDesk desk = new TestDesk(store, events, new InProcessWorkSignal());
        return new TestEngine(meters, metrics, database, store, claims, writer, events, desk);
    }

    @Override
    public void close() {
        desk.close();
        writer.close();
        database.close();
        meters.close();
    }
}
