package io.orderstream.tracing;

import java.util.concurrent.ExecutorService;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;

/**
 * The current span, captured to be carried with work that another thread finishes (an event
 * stored and published by the event writer's threads), or into the tasks of an executor.
 * Immutable.
 */
public final class TraceContext {
    private static final TraceContext NONE = new TraceContext(null);

    private final Context context;

    private TraceContext(Context context) {
        this.context = context;
    }

    /**
     * The span current on this thread.
     *
     * @return the captured context; one that makes no spans while tracing is off
     */
    public static TraceContext current() {
        return Tracing.enabled() ? new TraceContext(Context.current()) : NONE;
    }

    /**
     * An executor whose tasks run in the context current when each was submitted, so their spans
     * are children of the submitter's. While tracing is off, the executor itself.
     *
     * @param executor the executor
     * @return the executor, propagating the context
     */
    public static ExecutorService propagating(ExecutorService executor) {
        return Tracing.enabled() ? Context.taskWrapping(executor) : executor;
    }

    /**
     * A span handing something this context's span produced to a messaging system (the event bus),
     * a child of that span. It is not made current: end it with {@link Traced#close()} on any thread.
     *
     * @param name e.g. {@code publish}
     * @return the producer span
     */
    public Traced producer(String name) {
        return context == null ? Traced.NONE : Traced.detached(name, SpanKind.PRODUCER, context);
    }
}
