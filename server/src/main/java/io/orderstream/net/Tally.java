package io.orderstream.net;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Counts one kind of event that a hostile client can cause at will (a connection closed at the
 * cap, an accept that failed) and reports it in one log line per period at most, however many
 * there are: an operator learns that it happens and how often, and a flood cannot flood the log.
 */
public final class Tally {
    private final Logger log;
    private final String what;
    private final long periodNanos;
    private final AtomicLong unreported = new AtomicLong();
    private final AtomicLong nextLineAt = new AtomicLong(System.nanoTime());

    /**
     * Creates a tally.
     *
     * @param log    where its lines go (at WARNING)
     * @param what   what is counted, as the line names it after the count
     * @param period shortest time between two lines
     */
    public Tally(Logger log, String what, Duration period) {
        this.log = log;
        this.what = what;
        this.periodNanos = period.toNanos();
    }

    /**
     * Counts one event, and writes the line if the period since the last one is over.
     *
     * @param cause what happened this time, named in the line (may be null)
     */
    public void add(Throwable cause) {
        unreported.incrementAndGet();
        long now = System.nanoTime();
        long next = nextLineAt.get();
        if (now - next >= 0 && nextLineAt.compareAndSet(next, now + periodNanos)) {
            long count = unreported.getAndSet(0);
            log.log(Level.WARNING, () -> count + " " + what + " since the last such line"
                    + (cause == null ? "" : " (last: " + cause + ")"));
        }
    }

    /** Counts one event. */
    public void add() {
        add(null);
    }
}
