package io.orderstream.logs;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Keeps a process's log handlers open until its stop at exit has run, so that what the stop
 * logs (the drain, how long it took, what it handed back) is written.
 * <p>
 * The JDK closes every handler from a shutdown hook of its own ({@code LogManager}'s cleaner),
 * started beside the hook that stops the process, in no set order. Helidon guards its hook with
 * a first handler whose close joins that hook's thread; but when the cleaner gets there before
 * the hook's thread has been started, the join returns at once, and the stop logs into closed
 * handlers: each line of the drain is lost, Helidon's own included (about half of the stops of
 * a gateway that ran an order, on this machine). The first handler put in place here waits
 * instead for the stop itself to end, however the hooks were ordered.
 */
public final class LoggingThroughStop {
    private LoggingThroughStop() {
    }

    /**
     * Puts the guard first among the root logger's handlers and returns the stop that releases
     * it. Call it once logging is configured: reading the configuration again drops the guard.
     *
     * @param stop    what runs at exit, and logs
     * @param longest how long the handlers are kept open for a stop that has begun, at most
     * @return {@code stop}, releasing the handlers when it ends, however it ends
     */
    public static Runnable guard(Runnable stop, Duration longest) {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch stopped = new CountDownLatch(1);
        Logger root = Logger.getLogger("");
        List<Handler> handlers = List.of(root.getHandlers());
        handlers.forEach(root::removeHandler);
        root.addHandler(new HeldOpen(started, stopped, longest));
        handlers.forEach(root::addHandler);
        return () -> {
            started.countDown();
            try {
                stop.run();
            } finally {
                stopped.countDown();
            }
        };
    }

    /** First on the root logger, so the cleaner closes it, and waits in it, before the others. */
    private static final class HeldOpen extends Handler {
        /**
         * How long a stop that has not begun is waited for: the hook that runs it starts beside the
         * cleaner; one that never comes (the exit began before it was registered) must not hold
         * the exit for the whole of {@code longest}.
         */
        private static final Duration START = Duration.ofSeconds(5);

        private final CountDownLatch started;
        private final CountDownLatch stopped;
        private final Duration longest;

        private HeldOpen(CountDownLatch started, CountDownLatch stopped, Duration longest) {
            this.started = started;
            this.stopped = stopped;
            this.longest = longest;
        }

        @Override
        public void publish(LogRecord record) {
            // Writes nothing: the handlers after it do.
        }

        @Override
        public void flush() {
            // Nothing buffered.
        }

        @Override
        public void close() {
            // A configuration read again while the process runs closes it too: that must not wait.
            if (!exiting()) {
                return;
            }
            try {
                if (started.await(START.toNanos(), TimeUnit.NANOSECONDS)) {
                    stopped.await(longest.toNanos(), TimeUnit.NANOSECONDS);
                }
            } catch (InterruptedException e) {
                // Nothing in the exit interrupts the cleaner; should something, the exit goes on unheld.
                Thread.currentThread().interrupt();
            }
        }

        /** Whether the JVM runs its shutdown hooks: no hook can be added then. */
        private static boolean exiting() {
            Thread probe = Thread.ofPlatform().unstarted(() -> { });
            try {
                Runtime.getRuntime().addShutdownHook(probe);
            } catch (IllegalStateException e) {
                return true;
            }
            Runtime.getRuntime().removeShutdownHook(probe);
            return false;
        }
    }
}
