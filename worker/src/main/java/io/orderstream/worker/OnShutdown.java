package io.orderstream.worker;

import java.time.Duration;

import io.orderstream.logs.LoggingThroughStop;

/**
 * Where a process's stop runs when it is asked to end (SIGTERM): in Helidon's shutdown hook,
 * with the log handlers kept open until it is done ({@link LoggingThroughStop}). From a hook of
 * its own, a drain that takes seconds would log into handlers the JDK already closed, and what it
 * reports (how long it took, what it handed back) would be lost.
 */
public final class OnShutdown {
    /** Time a stop has beyond its drain: closing the listeners, the pools, the exporters. */
    private static final Duration AFTER_DRAIN = Duration.ofSeconds(30);

    private OnShutdown() {
    }

    /**
     * Runs {@code stop} when the JVM begins to exit, once. Call it once logging is configured.
     *
     * @param stop  drains and closes the process
     * @param drain the longest drain {@code stop} makes; the logs stay open that long and a while more
     */
    public static void run(Runnable stop, Duration drain) {
        Runnable guarded = LoggingThroughStop.guard(stop, drain.plus(AFTER_DRAIN));
        io.helidon.Main.addShutdownHandler(guarded::run);
    }
}
