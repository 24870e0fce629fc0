package io.orderstream.bus;

import java.util.List;
import java.util.function.Consumer;

import io.orderstream.order.OrderEvent;

/**
 * The fast path of events from whoever records them to the gateways whose clients watch them.
 * Best effort: the store is the history, and watchers fill any gap from it.
 * <p>
 * Two adapters: {@link InProcessEventBus} (embedded) and {@code RedisEventBus} (Redisson topics).
 */
public interface EventBus extends AutoCloseable {
    /**
     * Publishes a stored event to the order's subscribers, on any node.
     *
     * @param event the event, already stored
     */
    void publish(OrderEvent event);

    /**
     * Publishes stored events in the order given, as one batch where the adapter can. Events of
     * one order must come in seq order.
     *
     * @param events the events, already stored
     */
    default void publishAll(List<OrderEvent> events) {
        events.forEach(this::publish);
    }

    /**
     * Receives the events of one order, in the order they were published, until the subscription
     * is closed. The listener must not block: it runs on the bus's delivery thread. It may close
     * its own subscription; nothing is delivered once {@code close()} has returned.
     *
     * @param orderId  the order
     * @param listener called once per event
     * @return the subscription; closing it stops delivery
     */
    Subscription subscribe(String orderId, Consumer<OrderEvent> listener);

    /**
     * Called after the bus comes back from an outage, during which events may have been lost.
     *
     * @param listener called once per recovery
     */
    void onRecovery(Runnable listener);

    @Override
    void close();

    /** An open subscription. */
    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }
}
