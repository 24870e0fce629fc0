package io.orderstream.testing;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.opentelemetry.sdk.trace.data.SpanData;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;

/**
 * The trace one order should leave, checked span by span: the submit continues the caller's span,
 * the execution continues the submit, each step is a child of the execution, each DEX call a child
 * of its step, and each event's publish a child of the step that recorded it.
 */
public final class OrderTrace {
    /** Which step records the events of each status. */
    private static final Map<String, String> STEP_OF_STATUS = Map.of(
            "routing", "routing", "building", "building", "submitted", "submission", "confirmed", "confirmation");

    private final List<Span> spans;
    private final String traceId;

    private OrderTrace(List<Span> spans, String traceId) {
        this.spans = spans;
        this.traceId = traceId;
    }

    /**
     * One span as exported, whichever way it left its process.
     *
     * @param traceId    32 hex digits
     * @param spanId     16 hex digits
     * @param parentId   16 hex digits, or empty for a root span
     * @param name       the span's name
     * @param service    the exporting process's {@code service.name}
     * @param attributes its attributes, as text
     */
    public record Span(String traceId, String spanId, String parentId, String name, String service,
                       Map<String, String> attributes) {
        @Override
        public String toString() {
            return name + " [" + service + " " + spanId + " <- " + parentId + "] " + attributes;
        }
    }

    /**
     * Spans the SDK recorded in this process.
     *
     * @param spans the in-memory exporter's spans
     * @return the same as {@link Span}s
     */
    public static List<Span> fromSdk(List<SpanData> spans) {
        return spans.stream().map(span -> {
            Map<String, String> attributes = new HashMap<>();
            span.getAttributes().forEach((key, value) -> attributes.put(key.getKey(), String.valueOf(value)));
            String parent = span.getParentSpanContext().isValid() ? span.getParentSpanId() : "";
            return new Span(span.getTraceId(), span.getSpanId(), parent, span.getName(),
                            span.getResource().getAttributes().asMap().entrySet().stream()
                                    .filter(entry -> entry.getKey().getKey().equals("service.name"))
                                    .map(entry -> String.valueOf(entry.getValue())).findFirst().orElse(""),
                            attributes);
        }).toList();
    }

    /**
     * The spans of one trace among all those exported.
     *
     * @param spans   every span exported
     * @param traceId the trace
     * @return the trace
     */
    public static OrderTrace of(List<Span> spans, String traceId) {
        return new OrderTrace(List.copyOf(spans), traceId);
    }

    /**
     * Asserts that the order's life is this one trace, from the caller's span to its confirmation.
     *
     * @param orderId       the order, submitted once and confirmed at the first attempt
     * @param callerSpanId  the span id the client sent in its {@code traceparent}
     * @param submit        the name of the face's span, e.g. {@code POST /api/orders/execute}
     * @param gateway       the {@code service.name} of the process that took the submit
     * @param worker        the {@code service.name} of the process that executed the order
     */
    public void assertWhole(String orderId, String callerSpanId, String submit, String gateway, String worker) {
        List<Span> ofOrder = spans.stream()
                .filter(span -> orderId.equals(span.attributes().get("orderstream.order.id")))
                .toList();
        assertThat("spans of order " + orderId + " in another trace than " + traceId + ": " + spans,
                   ofOrder.stream().filter(span -> !span.traceId().equals(traceId)).toList(), is(empty()));
        List<Span> trace = spans.stream().filter(span -> span.traceId().equals(traceId)).toList();

        Span submitted = one(trace, submit, callerSpanId);
        assertThat(submitted.service(), is(gateway));
        assertThat(submitted.attributes().get("orderstream.order.id"), is(orderId));
        Span execution = one(trace, "execute order", submitted.spanId());
        assertThat(execution.service(), is(worker));
        assertThat(execution.attributes().get("orderstream.order.id"), is(orderId));

        Span routing = one(trace, "routing", execution.spanId());
        Span building = one(trace, "building", execution.spanId());
        Span submission = one(trace, "submission", execution.spanId());
        Span confirmation = one(trace, "confirmation", execution.spanId());
        assertThat(names(children(trace, routing)), containsInAnyOrder("quote raydium", "quote meteora",
                                                                        "publish", "publish"));
        List<String> built = names(children(trace, building));
        String dex = built.stream().filter(name -> name.startsWith("build ")).findFirst()
                .map(name -> name.substring("build ".length())).orElse("(none built)");
        assertThat(built, containsInAnyOrder("build " + dex, "publish", "publish"));
        assertThat(names(children(trace, submission)), containsInAnyOrder("submit " + dex, "publish"));
        assertThat(names(children(trace, confirmation)), containsInAnyOrder("publish"));

        List<Span> published = trace.stream().filter(span -> span.name().equals("publish")).toList();
        assertThat("the six events after pending are published: " + published, published, hasSize(6));
        Map<String, String> stepIds = Map.of("routing", routing.spanId(), "building", building.spanId(),
                                             "submission", submission.spanId(), "confirmation", confirmation.spanId());
        for (Span publish : published) {
            String step = STEP_OF_STATUS.get(publish.attributes().get("orderstream.event.status"));
            assertThat("a publish is the child of the step that recorded its event: " + publish,
                       publish.parentId(), is(stepIds.get(step)));
            assertThat(publish.attributes().get("orderstream.order.id"), is(orderId));
        }
        Set<String> seqs = published.stream().map(span -> span.attributes().get("orderstream.event.seq"))
                .collect(Collectors.toSet());
        assertThat(seqs, containsInAnyOrder("2", "3", "4", "5", "6", "7"));
    }

    private static Span one(List<Span> trace, String name, String parentId) {
        List<Span> named = trace.stream().filter(span -> span.name().equals(name)).toList();
        assertThat("one span '" + name + "' in " + trace, named, hasSize(1));
        assertThat("the parent of " + named.getFirst() + " in " + trace, named.getFirst().parentId(), is(parentId));
        return named.getFirst();
    }

    private static List<Span> children(List<Span> trace, Span parent) {
        return trace.stream().filter(span -> span.parentId().equals(parent.spanId())).toList();
    }

    private static List<String> names(List<Span> spans) {
        return spans.stream().map(Span::name).toList();
    }
}
