package io.orderstream.worker;

/**
 * Where a process's stop runs when it is asked to end (SIGTERM): in Helidon's shutdown hook,
 * which keeps logging working until its handlers are done. From a hook of its own, a drain that
 * takes seconds would log into handlers the JDK already closed, and what it reports (how long it
 * took, what it handed back) would be lost.
 */
public final class OnShutdown {
    private OnShutdown() {
    }

    /**
     * Runs {@code stop} when the JVM begins to exit, once.
     *
     * @param stop drains and closes the process
     */
    public static void run(Runnable stop) {
        io.helidon.Main.addShutdownHandler(stop::run);
    }
}
