package io.orderstream.bus;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One kind of warning, written at most once per interval: the others of the interval are written
 * at FINE and counted, and the next warning says how many there were. A storm of clients coming
 * back at once (a gateway taking over another's watchers) then costs a line, not hundreds.
 */
final class ThrottledWarning {
    private final Logger log;
    private final long intervalNanos;
    private final AtomicLong nextAllowed = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong suppressed = new AtomicLong();

    ThrottledWarning(Logger log, Duration interval) {
        this.log = log;
        this.intervalNanos = interval.toNanos();
    }

    /**
     * Writes the warning, or counts it when one was written within the interval.
     *
     * @param message what happened
     */
    void warn(String message) {
        long now = System.nanoTime();
        long allowed = nextAllowed.get();
        if ((allowed == Long.MIN_VALUE || now - allowed >= 0) && nextAllowed.compareAndSet(allowed, now + intervalNanos)) {
            long others = suppressed.getAndSet(0);
            log.warning(others == 0 ? message : message + " (and " + others + " more like it since the last such line)");
        } else {
            suppressed.incrementAndGet();
            log.log(Level.FINE, message);
        }
    }
}
