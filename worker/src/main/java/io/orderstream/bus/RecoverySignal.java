package io.orderstream.bus;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Tells the bus's recovery listeners that events may have been missed.
 * <p>
 * After an outage Redisson re-subscribes each channel separately, and each re-subscription
 * raises this signal. Signals close together are answered by one call of the listeners, a short
 * settling time after the first; a signal raised once that call has begun is answered by another.
 * So every re-subscribed channel is followed by a recovery, without a storm of them.
 */
final class RecoverySignal {
    private static final Logger LOG = Logger.getLogger(RecoverySignal.class.getName());

    private final ScheduledExecutorService scheduler;
    private final Duration settle;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private ScheduledFuture<?> pending;

    /**
     * Creates a signal.
     *
     * @param scheduler where listeners are called
     * @param settle    wait after the first signal, for the other channels to come back
     */
    RecoverySignal(ScheduledExecutorService scheduler, Duration settle) {
        this.scheduler = scheduler;
        this.settle = settle;
    }

    void addListener(Runnable listener) {
        listeners.add(listener);
    }

    /** Events may have been missed: call the listeners soon. */
    synchronized void raise() {
        if (pending != null) {
            return;
        }
        try {
            pending = scheduler.schedule(this::fire, settle.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // The bus is closing: nobody is left to back-fill.
            LOG.fine("Recovery not signalled: the event bus is closed");
        }
    }

    private void fire() {
        synchronized (this) {
            pending = null;
        }
        LOG.info("Event bus recovered; " + listeners.size() + " listeners back-fill from the store");
        for (Runnable listener : listeners) {
            try {
                listener.run();
            } catch (RuntimeException e) {
                // One failing listener must not keep the others from recovering.
                LOG.log(Level.WARNING, "Recovery listener failed", e);
            }
        }
    }
}
