package io.orderstream.watch;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.orderstream.order.OrderEvent;

/**
 * One event on its way to every watcher of its order. Each face's wire form is made once, by the
 * first watcher that needs it, and the same bytes then go to all the others: a thousand watchers
 * of one order cost one serialisation per face, not a thousand. Thread-safe.
 */
public final class SharedEvent {
    private final OrderEvent event;
    // At most one entry per face; the first watcher to ask encodes, the others wait for it.
    private final Map<Encoding<?>, Object> encoded = new ConcurrentHashMap<>(4);

    SharedEvent(OrderEvent event) {
        this.event = event;
    }

    /**
     * The event.
     *
     * @return the event as stored
     */
    public OrderEvent event() {
        return event;
    }

    /**
     * The event in one face's wire form, made on first use and shared from then on.
     *
     * @param encoding the face's encoding, a constant of that face
     * @param <T>      the wire form
     * @return the encoded event
     */
    @SuppressWarnings("unchecked")
    public <T> T encoded(Encoding<T> encoding) {
        return (T) encoded.computeIfAbsent(encoding, key -> key.encode(event));
    }

    long seq() {
        return event.seq();
    }

    boolean isTerminal() {
        return event.isTerminal();
    }

    /**
     * How one face writes an event. Instances are keys of the cache: each face holds one constant.
     *
     * @param <T> the wire form
     */
    @FunctionalInterface
    public interface Encoding<T> {
        /**
         * Encodes an event; must not depend on the watcher it goes to.
         *
         * @param event the event
         * @return its wire form
         */
        T encode(OrderEvent event);
    }
}
