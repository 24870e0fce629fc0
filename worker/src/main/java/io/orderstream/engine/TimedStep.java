package io.orderstream.engine;

import io.orderstream.metrics.ExecutionMetrics;
import io.orderstream.metrics.ExecutionMetrics.Step;
import io.orderstream.tracing.Traced;

/**
 * One step of an execution, timed for {@code orderstream_order_step_seconds} and traced as a
 * span of the order's trace (the DEX calls and events of the step become its children). Opened
 * and closed on the execution's thread; closing is idempotent, so a step that ends early (the
 * submission, when the DEX reports the swap) is not ended again by the code around it.
 */
final class TimedStep implements AutoCloseable {
    private final ExecutionMetrics metrics;
    private final Step step;
    private final boolean timedAnyway;
    private final long start = System.nanoTime();
    private final Traced span;
    private boolean timed;

    private TimedStep(ExecutionMetrics metrics, Step step, boolean timedAnyway) {
        this.metrics = metrics;
        this.step = step;
        this.timedAnyway = timedAnyway;
        this.span = Traced.step(step.tag());
    }

    /**
     * A step timed however it ends.
     *
     * @param metrics where its time is recorded
     * @param step    the step
     * @return the step, begun now
     */
    static TimedStep begin(ExecutionMetrics metrics, Step step) {
        return new TimedStep(metrics, step, true);
    }

    /**
     * A step timed only when it is {@link #done()}; its span ends however it ends.
     *
     * @param metrics where its time is recorded
     * @param step    the step
     * @return the step, begun now
     */
    static TimedStep untilDone(ExecutionMetrics metrics, Step step) {
        return new TimedStep(metrics, step, false);
    }

    /** Records the step's time now, once. */
    void done() {
        if (!timed) {
            timed = true;
            metrics.step(step, System.nanoTime() - start);
        }
    }

    /** Ends the step: its span, and its time unless it is timed only when done. */
    @Override
    public void close() {
        if (timedAnyway) {
            done();
        }
        span.close();
    }
}
