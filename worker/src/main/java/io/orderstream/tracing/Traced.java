package io.orderstream.tracing;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;

/**
 * One span of an order's trace, from its start until {@link #close()}. The span makers that
 * open a span on the calling thread make it current there too, so what runs beneath (a step's DEX
 * calls, the events it stores) becomes its children; close it on that thread, in reverse order
 * of opening (try-with-resources does). While tracing is off every maker returns one shared
 * span that does nothing.
 * <p>
 * Not thread-safe: a span belongs to the code that opened it.
 */
public final class Traced implements AutoCloseable {
    /** Attribute: the order a span works on. */
    public static final String ORDER_ID = "orderstream.order.id";
    /** W3C Trace Context's header (and gRPC metadata key) that carries the caller's span. */
    public static final String TRACEPARENT = "traceparent";
    static final Traced NONE = new Traced(null, null);
    private static final TextMapGetter<Function<String, String>> HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Function<String, String> carrier) {
            // Only W3C's headers are looked up by name; no propagator here lists keys.
            return List.of();
        }

        @Override
        public String get(Function<String, String> carrier, String key) {
            return carrier == null ? null : carrier.apply(key);
        }
    };

    private final Span span;
    private final Scope scope;
    private boolean closed;

    private Traced(Span span, Scope scope) {
        this.span = span;
        this.scope = scope;
    }

    /**
     * A request that arrived (REST or gRPC), continuing the caller's trace when its headers carry
     * one ({@code traceparent}, and {@code tracestate}, as OTEL_PROPAGATORS says), else a new trace.
     *
     * @param name    e.g. {@code POST /api/orders/execute}
     * @param headers a request header's value by its lower-case name, or null when absent
     * @return the server span, current on this thread
     */
    public static Traced incoming(String name, Function<String, String> headers) {
        Tracing.Active tracing = Tracing.active();
        if (tracing == null) {
            return NONE;
        }
        Context caller = tracing.propagator().extract(Context.root(), headers, HEADERS);
        return current(tracing.tracer().spanBuilder(name).setParent(caller).setSpanKind(SpanKind.SERVER).startSpan());
    }

    /**
     * Work taken up from a queue, continuing the trace of the request that queued it.
     *
     * @param name        e.g. {@code execute order}
     * @param traceparent the W3C {@code traceparent} stored with the work ({@link #traceparent()}
     *                    when it was queued); empty starts a new trace
     * @return the consumer span, current on this thread
     */
    public static Traced resumed(String name, Optional<String> traceparent) {
        Tracing.Active tracing = Tracing.active();
        if (tracing == null) {
            return NONE;
        }
        Context queued = W3CTraceContextPropagator.getInstance()
                .extract(Context.root(), key -> TRACEPARENT.equals(key) ? traceparent.orElse(null) : null, HEADERS);
        return current(tracing.tracer().spanBuilder(name).setParent(queued).setSpanKind(SpanKind.CONSUMER).startSpan());
    }

    /**
     * A step of the current span's work.
     *
     * @param name e.g. {@code routing}
     * @return an internal span, child of the current one and now current itself
     */
    public static Traced step(String name) {
        return child(name, SpanKind.INTERNAL);
    }

    /**
     * A call to another system (a DEX) that the current span's work makes.
     *
     * @param name e.g. {@code quote raydium}
     * @return a client span, child of the current one and now current itself
     */
    public static Traced call(String name) {
        return child(name, SpanKind.CLIENT);
    }

    private static Traced child(String name, SpanKind kind) {
        Tracing.Active tracing = Tracing.active();
        if (tracing == null) {
            return NONE;
        }
        return current(tracing.tracer().spanBuilder(name).setSpanKind(kind).startSpan());
    }

    /** A span started with a parent other than the current one, left out of this thread's context. */
    static Traced detached(String name, SpanKind kind, Context parent) {
        Tracing.Active tracing = Tracing.active();
        if (tracing == null) {
            return NONE;
        }
        return new Traced(tracing.tracer().spanBuilder(name).setParent(parent).setSpanKind(kind).startSpan(), null);
    }

    private static Traced current(Span span) {
        return new Traced(span, span.makeCurrent());
    }

    /**
     * The current span as W3C {@code traceparent} text, to store with work another process takes up.
     *
     * @return e.g. {@code 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01}; empty when no span is current
     */
    public static Optional<String> traceparent() {
        if (Tracing.active() == null || !Span.current().getSpanContext().isValid()) {
            return Optional.empty();
        }
        Map<String, String> headers = new HashMap<>(2);
        W3CTraceContextPropagator.getInstance().inject(Context.current(), headers, Map::put);
        return Optional.ofNullable(headers.get(TRACEPARENT));
    }

    /**
     * The current span's trace, for log lines.
     *
     * @return 32 hex digits; empty when no span is current
     */
    public static Optional<String> traceId() {
        if (Tracing.active() == null) {
            return Optional.empty();
        }
        SpanContext span = Span.current().getSpanContext();
        return span.isValid() ? Optional.of(span.getTraceId()) : Optional.empty();
    }

    /**
     * Adds a text attribute.
     *
     * @param key   e.g. {@link #ORDER_ID}
     * @param value its value
     * @return this span
     */
    public Traced attribute(String key, String value) {
        if (span != null) {
            span.setAttribute(AttributeKey.stringKey(key), value);
        }
        return this;
    }

    /**
     * Adds a number attribute.
     *
     * @param key   e.g. {@code orderstream.event.seq}
     * @param value its value
     * @return this span
     */
    public Traced attribute(String key, long value) {
        if (span != null) {
            span.setAttribute(AttributeKey.longKey(key), value);
        }
        return this;
    }

    /**
     * Marks the span failed, with the error as an event.
     *
     * @param error why
     */
    public void fail(Throwable error) {
        if (span != null) {
            span.recordException(error);
            span.setStatus(StatusCode.ERROR, String.valueOf(error.getMessage()));
        }
    }

    /** Ends the span and, when it is current, restores the context it replaced; once. */
    @Override
    public void close() {
        if (span == null || closed) {
            return;
        }
        closed = true;
        if (scope != null) {
            scope.close();
        }
        span.end();
    }
}
