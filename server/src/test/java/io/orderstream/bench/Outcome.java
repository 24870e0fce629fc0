package io.orderstream.bench;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What became of one order, and when.
 *
 * @param kind        how it ended
 * @param submitNanos {@link System#nanoTime()} just before the submit request
 * @param endNanos    when the terminal event arrived, or when the client gave up or failed
 * @param detail      for an error, what went wrong, worded so that like errors count together
 */
record Outcome(Kind kind, long submitNanos, long endNanos, String detail) {
    /** How an order ended, seen from the client. */
    enum Kind {
        /** The watch delivered {@code confirmed}. */
        CONFIRMED,
        /** The watch delivered {@code failed} or {@code cancelled}. */
        FAILED,
        /** No terminal event within {@link OrderClient#TERMINAL_LIMIT} of the submit. */
        LATE,
        /** The submit was refused or unanswered, or the watch ended without a terminal event. */
        ERROR
    }

    /**
     * A terminal event as it reached the client.
     *
     * @param confirmed whether it was {@code confirmed} (else {@code failed} or {@code cancelled})
     * @param nanos     {@link System#nanoTime()} on receipt, taken in the transport's callback so
     *                  that waking the waiting thread is not counted
     */
    record Arrival(boolean confirmed, long nanos) {
        static Arrival now(boolean confirmed) {
            return new Arrival(confirmed, System.nanoTime());
        }
    }

    /**
     * Why a watch ended without a terminal event, in the words of its transport; no stack trace,
     * as only the words are reported.
     */
    static final class WatchEnded extends Exception {
        /**
         * A watch that ended.
         *
         * @param reason e.g. {@code closed 1011 ...} or {@code UNAVAILABLE ...}
         */
        WatchEnded(String reason) {
            super(reason, null, false, false);
        }
    }

    /**
     * An order that failed before or outside its watch.
     *
     * @param submitNanos when its submit started
     * @param detail      what went wrong
     * @return the outcome
     */
    static Outcome error(long submitNanos, String detail) {
        return new Outcome(Kind.ERROR, submitNanos, System.nanoTime(), detail);
    }

    /**
     * Waits for a watch's terminal event until {@link OrderClient#TERMINAL_LIMIT} after the submit.
     *
     * @param arrival     completed by the watch with the terminal event, or exceptionally with
     *                    why the watch ended without one
     * @param submitNanos when the submit started
     * @param giveUp      ends the watch when the order is late or broken
     * @return the outcome
     * @throws InterruptedException when the run is being stopped
     */
    static Outcome await(CompletableFuture<Arrival> arrival, long submitNanos, Runnable giveUp)
            throws InterruptedException {
        long left = submitNanos + OrderClient.TERMINAL_LIMIT.toNanos() - System.nanoTime();
        try {
            Arrival terminal = arrival.get(Math.max(0, left), TimeUnit.NANOSECONDS);
            return new Outcome(terminal.confirmed() ? Kind.CONFIRMED : Kind.FAILED, submitNanos, terminal.nanos(), "");
        } catch (TimeoutException e) {
            giveUp.run();
            return new Outcome(Kind.LATE, submitNanos, System.nanoTime(), "");
        } catch (ExecutionException | CancellationException e) {
            giveUp.run();
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            return error(submitNanos, "watch: " + describe(cause));
        } catch (InterruptedException e) {
            giveUp.run();
            throw e;
        }
    }

    /**
     * A short, countable description of a failure.
     *
     * @param failure what was thrown
     * @return its class and, when there is one, the first line of its message (only the message
     *         for a {@link WatchEnded}), at most 120 characters
     */
    static String describe(Throwable failure) {
        String message = failure.getMessage();
        String text;
        if (message == null || message.isBlank()) {
            text = failure.getClass().getSimpleName();
        } else {
            String line = message.lines().findFirst().orElse("");
            text = failure instanceof WatchEnded ? line : failure.getClass().getSimpleName() + ": " + line;
        }
        return text.length() <= 120 ? text : text.substring(0, 120) + "...";
    }

    /**
     * Submit to terminal event.
     *
     * @return nanoseconds; meaningful for {@link Kind#CONFIRMED} and {@link Kind#FAILED}
     */
    long latencyNanos() {
        return endNanos - submitNanos;
    }

    /**
     * Whether the watch delivered a terminal event in time.
     *
     * @return true for confirmed and failed orders
     */
    boolean ended() {
        return kind == Kind.CONFIRMED || kind == Kind.FAILED;
    }
}
