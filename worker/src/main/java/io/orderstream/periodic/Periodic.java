package io.orderstream.periodic;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Background work a process repeats for as long as it runs (retention sweeps, table upkeep):
 * one round every interval on a platform thread of its own, the first at a random moment within
 * the first interval so that processes started together do not run theirs together. A round
 * that fails is logged as a warning and the next runs as planned; closing lets a round in
 * progress finish. Thread-safe.
 */
public final class Periodic implements AutoCloseable {
    /** How long {@link #close()} waits for a round in progress. */
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(10);

    private final String what;
    private final Logger log;
    private final ScheduledExecutorService thread;

    /**
     * Creates the work; {@link #start} schedules it.
     *
     * @param threadName the thread's name, e.g. {@code retention-sweep}
     * @param what       what a round does, for the log, e.g. {@code Vacuuming the store's tables}
     * @param log        where a failed round is told: the owner's logger
     */
    public Periodic(String threadName, String what, Logger log) {
        this.what = what;
        this.log = log;
        this.thread = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name(threadName).daemon().factory());
    }

    /**
     * Schedules the rounds.
     *
     * @param interval time between the end of one round and the start of the next
     * @param round    one round; what it throws is logged
     * @return this
     */
    public Periodic start(Duration interval, Runnable round) {
        long every = interval.toMillis();
        thread.scheduleWithFixedDelay(() -> {
            try {
                round.run();
            } catch (RuntimeException e) {
                // Caught, or the executor would cancel every later round.
                log.log(Level.WARNING, what + " failed; trying again in " + describe(interval), e);
            }
        }, ThreadLocalRandom.current().nextLong(every), every, TimeUnit.MILLISECONDS);
        return this;
    }

    /**
     * Stops the rounds. One in progress finishes first (up to 10 seconds): the thread is not
     * interrupted, as H2 closes its database file when an interrupted thread touches it, and a
     * pooled connection should go back whole.
     */
    @Override
    public void close() {
        thread.shutdown();
        try {
            if (!thread.awaitTermination(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warning(what + " did not finish within " + CLOSE_WAIT.toSeconds()
                                    + " s; it ends when the database closes");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String describe(Duration interval) {
        return interval.toMillis() % 1000 == 0 ? interval.toSeconds() + " s" : interval.toMillis() + " ms";
    }
}
