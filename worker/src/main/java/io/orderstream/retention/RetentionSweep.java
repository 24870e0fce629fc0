package io.orderstream.retention;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Logger;

import io.orderstream.periodic.Periodic;
import io.orderstream.store.OrderRetention;

/**
 * Keeps the store from growing forever: every {@code interval}, deletes the ended orders older
 * than {@code age} with their events, {@code batch} orders per transaction, until a batch comes
 * back short.
 * <p>
 * One thread of its own ({@link Periodic}). Every worker process runs a sweep; several at once are
 * safe (see {@link OrderRetention}), and each starts at a random moment within its first
 * interval, so that processes started together do not sweep together. A sweep that fails is
 * logged and tried again at the next interval.
 */
public final class RetentionSweep implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(RetentionSweep.class.getName());

    private final OrderRetention retention;
    private final RetentionSettings settings;
    private final Clock clock;
    private final Periodic thread;
    private volatile boolean closed;

    /**
     * Creates a sweep; {@link #start()} starts it.
     *
     * @param retention deletes the expired orders
     * @param settings  how it runs
     * @param clock     what "older than" is measured by
     */
    public RetentionSweep(OrderRetention retention, RetentionSettings settings, Clock clock) {
        this.retention = retention;
        this.settings = settings;
        this.clock = clock;
        this.thread = new Periodic("retention-sweep", "Deleting ended orders older than " + describe(settings.age()),
                                   LOG);
    }

    /**
     * Schedules the sweeps.
     *
     * @return this sweep
     */
    public RetentionSweep start() {
        thread.start(settings.interval(), this::sweepAndLog);
        return this;
    }

    /**
     * One sweep, on the caller's thread: deletes expired orders batch after batch until a batch
     * comes back short (or the sweep is closed).
     *
     * @return how many orders were deleted
     * @throws io.orderstream.error.StoreUnavailableException when the database failed; the
     *                                                        batches before the failure stay deleted
     */
    public long sweep() {
        Instant cutoff = clock.instant().minus(settings.age());
        long total = 0;
        int deleted;
        do {
            deleted = retention.deleteEnded(cutoff, settings.batch());
            total += deleted;
        } while (deleted == settings.batch() && !closed);
        return total;
    }

    private void sweepAndLog() {
        long deleted = sweep();
        if (deleted > 0) {
            LOG.info(() -> "Deleted " + deleted + " ended orders older than " + describe(settings.age())
                    + ", with their events");
        }
    }

    private static String describe(Duration duration) {
        if (duration.equals(Duration.ofDays(duration.toDays()))) {
            return duration.toDays() + " days";
        }
        return duration.equals(Duration.ofSeconds(duration.toSeconds())) ? duration.toSeconds() + " s"
                : duration.toString();
    }

    /**
     * Stops sweeping. A batch in progress finishes first (up to 10 seconds): the thread is not
     * interrupted, as H2 closes its database file when an interrupted thread touches it.
     */
    @Override
    public void close() {
        closed = true;
        thread.close();
    }
}
