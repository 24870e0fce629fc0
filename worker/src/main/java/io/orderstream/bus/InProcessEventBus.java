package io.orderstream.bus;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.orderstream.order.OrderEvent;

/**
 * The embedded bus: listeners are called on the publishing thread.
 * The map of listeners is owned by this bus; entries go when their last listener leaves.
 */
public final class InProcessEventBus implements EventBus {
    private static final Logger LOG = Logger.getLogger(InProcessEventBus.class.getName());

    private final Map<String, List<Consumer<OrderEvent>>> listeners = new ConcurrentHashMap<>();

    @Override
    public void publish(OrderEvent event) {
        List<Consumer<OrderEvent>> forOrder = listeners.get(event.orderId());
        if (forOrder == null) {
            return;
        }
        for (Consumer<OrderEvent> listener : forOrder) {
            try {
                listener.accept(event);
            } catch (RuntimeException e) {
                // One broken listener must not keep the event from the others, nor fail the publisher.
                LOG.log(Level.WARNING, "Event listener failed for order " + event.orderId(), e);
            }
        }
    }

    @Override
    public Subscription subscribe(String orderId, Consumer<OrderEvent> listener) {
        // Added inside compute, so a concurrent last unsubscribe cannot drop the list under us.
        listeners.compute(orderId, (id, list) -> {
            List<Consumer<OrderEvent>> forOrder = list == null ? new CopyOnWriteArrayList<>() : list;
            forOrder.add(listener);
            return forOrder;
        });
        return () -> listeners.computeIfPresent(orderId, (id, list) -> {
            list.remove(listener);
            return list.isEmpty() ? null : list;
        });
    }

    @Override
    public void onRecovery(Runnable listener) {
        // An in-process bus has no outages.
    }

    @Override
    public void close() {
        listeners.clear();
    }
}
