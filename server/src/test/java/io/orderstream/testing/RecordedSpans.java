package io.orderstream.testing;

import java.util.Collection;
import java.util.List;

import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.traces.ConfigurableSpanExporterProvider;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;

/**
 * The span exporter {@code memory} for OpenTelemetry's autoconfigure: a gateway started with
 * {@code otel.traces.exporter=memory} (a system property) exports, through the SDK it configures
 * as in production, into the SDK's in-memory exporter here. Closing the gateway exports what is
 * left; the spans stay readable after that (the SDK's shutdown does not clear them).
 */
public final class RecordedSpans implements ConfigurableSpanExporterProvider {
    /** The exporter's name, for {@code otel.traces.exporter}. */
    public static final String NAME = "memory";
    private static final InMemorySpanExporter SPANS = InMemorySpanExporter.create();

    @Override
    public SpanExporter createExporter(ConfigProperties config) {
        return new Kept();
    }

    @Override
    public String getName() {
        return NAME;
    }

    /**
     * Every span exported since the last {@link #reset()}.
     *
     * @return the spans, in export order
     */
    public static List<SpanData> all() {
        return SPANS.getFinishedSpanItems();
    }

    /** Forgets the spans exported so far. */
    public static void reset() {
        SPANS.reset();
    }

    /** Exports into the shared exporter; the SDK's shutdown leaves it open. */
    private static final class Kept implements SpanExporter {
        @Override
        public CompletableResultCode export(Collection<SpanData> spans) {
            return SPANS.export(spans);
        }

        @Override
        public CompletableResultCode flush() {
            return SPANS.flush();
        }

        @Override
        public CompletableResultCode shutdown() {
            return CompletableResultCode.ofSuccess();
        }
    }
}
