package io.orderstream.metrics;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.orderstream.order.FailureCode;

import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.Timer;

/**
 * What executions do, counted where they record it: orders confirmed and failed (by reason),
 * how long each step takes, submission attempts and retries, and how long orders live from
 * submit to their end. Every meter is registered up front, so each series shows from the start
 * at zero. Thread-safe; recording allocates nothing.
 */
public final class ExecutionMetrics {
    private static final String DURATION = "orderstream.order.duration";
    private static final String DURATION_HELP =
            "Time from an order's submit (or replay) to its terminal event, by outcome";

    private final Counter confirmed;
    private final Map<FailureCode, Counter> failed = new EnumMap<>(FailureCode.class);
    private final Map<Step, Timer> steps = new EnumMap<>(Step.class);
    private final Timer confirmedDuration;
    private final Timer failedDuration;
    private final Counter attempts;
    private final Counter retries;

    private ExecutionMetrics(MeterSet meters) {
        confirmed = meters.counter("orderstream.orders.confirmed", "Orders confirmed by a worker");
        for (FailureCode reason : FailureCode.values()) {
            failed.put(reason, meters.counter("orderstream.orders.failed", "Orders a worker ended as failed, by reason",
                                              "reason", reason.tag()));
        }
        for (Step step : Step.values()) {
            steps.put(step, meters.timer("orderstream.order.step", "Time an execution spends in each step",
                                         "step", step.tag()));
        }
        confirmedDuration = duration(meters, "confirmed");
        failedDuration = duration(meters, "failed");
        attempts = meters.counter("orderstream.submission.attempts", "Transactions sent to a DEX, every attempt");
        retries = meters.counter("orderstream.submission.retries",
                                 "Submission attempts after the first of an order (after a failure or a takeover)");
    }

    /**
     * Registers the meters of executions.
     *
     * @param meters where they are registered, and removed when it closes
     * @return the meters
     */
    public static ExecutionMetrics register(MeterSet meters) {
        return new ExecutionMetrics(meters);
    }

    /**
     * The submit-to-end timer of one outcome. Workers record confirmed and failed orders, the
     * gateway cancelled ones; all under one name.
     *
     * @param meters  where it is registered
     * @param outcome {@code confirmed}, {@code failed} or {@code cancelled}
     * @return the timer
     */
    public static Timer duration(MeterSet meters, String outcome) {
        return meters.timer(DURATION, DURATION_HELP, "outcome", outcome);
    }

    /**
     * A step took this long.
     *
     * @param step  the step
     * @param nanos its duration
     */
    public void step(Step step, long nanos) {
        steps.get(step).record(nanos, TimeUnit.NANOSECONDS);
    }

    /**
     * A transaction is being sent.
     *
     * @param attempt its number for this order, from 1; above 1 it is also a retry
     */
    public void attempt(int attempt) {
        attempts.increment();
        if (attempt > 1) {
            retries.increment();
        }
    }

    /**
     * An order was confirmed.
     *
     * @param lifetimeMillis from the start of its execution (its submit, or its replay) to its
     *                       confirmed event, as stored
     */
    public void confirmed(long lifetimeMillis) {
        // The duration first: a scrape that sees the count sees the duration too.
        confirmedDuration.record(lifetimeMillis, TimeUnit.MILLISECONDS);
        confirmed.increment();
    }

    /**
     * An order failed.
     *
     * @param reason         why
     * @param lifetimeMillis from the start of its execution (its submit, or its replay) to its
     *                       failed event, as stored
     */
    public void failed(FailureCode reason, long lifetimeMillis) {
        failedDuration.record(lifetimeMillis, TimeUnit.MILLISECONDS);
        failed.get(reason).increment();
    }

    /** The steps of an execution that are timed. */
    public enum Step {
        /** From submit to the first claim: waiting in the queue for a worker. */
        QUEUED,
        /** Asking every DEX for a quote and choosing the best. */
        ROUTING,
        /** Building and signing the transaction. */
        BUILDING,
        /**
         * Sending the transaction until the DEX reports it executed or the last attempt fails:
         * every attempt with its backoff, and the DEX's confirmation (one call of the DEX).
         */
        SUBMISSION,
        /** Recording the confirmation once the DEX reported it: storing the confirmed event. */
        CONFIRMATION;

        private final String tag = name().toLowerCase(Locale.ROOT);

        /**
         * The step's name in meters and spans.
         *
         * @return e.g. {@code routing}
         */
        public String tag() {
            return tag;
        }
    }
}
