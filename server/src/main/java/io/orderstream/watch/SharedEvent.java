package io.orderstream.watch;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

import io.orderstream.order.OrderEvent;

/**
 * One event on its way to every watcher of its order. Each face's wire form is made once, by the
 * first watcher that needs it, and the same bytes then go to all the others: a thousand watchers
 * of one order cost one serialisation per face, not a thousand. Thread-safe.
 */
public final class SharedEvent {
    private final OrderEvent event;
    // At most one entry per face; the first watcher to ask encodes, the others wait for it, parked,
    // and are all woken together. (Encoding inside computeIfAbsent would hold the map's bin while
    // a thousand watchers woken by the event spin on it.)
    private final Map<Encoding<?>, FutureTask<?>> encoded = new ConcurrentHashMap<>(4);

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
        FutureTask<?> form = encoded.get(encoding);
        if (form == null) {
            FutureTask<T> mine = new FutureTask<>(() -> encoding.encode(event));
            form = encoded.putIfAbsent(encoding, mine);
            if (form == null) {
                form = mine;
                mine.run();
            }
        }
        return (T) made(encoding, form);
    }

    private Object made(Encoding<?> encoding, FutureTask<?> form) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return form.get();
                } catch (InterruptedException e) {
                    // An encoding takes microseconds: wait for it, and keep the interrupt for the caller.
                    interrupted = true;
                } catch (ExecutionException e) {
                    // Forgotten, so that the next watcher encodes again rather than inherit this
                    // failure; each watcher gets an exception of its own (one shared between
                    // threads would gather their suppressed exceptions).
                    encoded.remove(encoding, form);
                    if (e.getCause() instanceof Error error) {
                        throw error;
                    }
                    throw new IllegalStateException("Event " + event.seq() + " of order " + event.orderId()
                                                            + " could not be encoded", e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
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
