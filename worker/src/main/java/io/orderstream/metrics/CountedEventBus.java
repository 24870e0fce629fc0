package io.orderstream.metrics;

import java.util.List;
import java.util.function.Consumer;

import io.orderstream.bus.EventBus;
import io.orderstream.order.OrderEvent;

import io.helidon.metrics.api.Counter;

/**
 * An event bus that counts the events this process publishes on it
 * ({@code orderstream_events_published_total}): every stored step, whoever recorded it.
 */
public final class CountedEventBus implements EventBus {
    private final EventBus bus;
    private final Counter published;

    /**
     * Wraps a bus.
     *
     * @param bus    the bus
     * @param meters where the counter is registered
     */
    public CountedEventBus(EventBus bus, MeterSet meters) {
        this.bus = bus;
        this.published = meters.counter("orderstream.events.published", "Stored events this process published");
    }

    @Override
    public void publish(OrderEvent event) {
        bus.publish(event);
        published.increment();
    }

    @Override
    public void publishAll(List<OrderEvent> events) {
        bus.publishAll(events);
        published.increment(events.size());
    }

    @Override
    public Subscription subscribe(String orderId, Consumer<OrderEvent> listener) {
        return bus.subscribe(orderId, listener);
    }

    @Override
    public void onRecovery(Runnable listener) {
        bus.onRecovery(listener);
    }

    @Override
    public void close() {
        bus.close();
    }
}
