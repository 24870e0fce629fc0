package io.orderstream.tracing;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;

/**
 * The process's traces: one OpenTelemetry SDK, configured by its autoconfigure module from the
 * standard {@code OTEL_*} environment variables (or {@code otel.*} system properties), while a
 * started {@code Tracing} is open; none at all otherwise.
 * <p>
 * The rest of the code makes spans through {@link Traced} and {@link TraceContext}, which ask
 * this class first: while tracing is off they hand out one shared span that does nothing, so
 * tracing costs a volatile read where it is off, and no OpenTelemetry call at all. One tracing
 * runs per process (the span makers are static, as a logger is); starting a second while one is
 * open is refused.
 */
public final class Tracing implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Tracing.class.getName());
    /** The instrumentation scope of every span this code makes. */
    private static final String SCOPE = "io.orderstream";
    private static final Object LOCK = new Object();
    // Written under LOCK by start and close; read without it by every span maker.
    private static volatile Active active;

    private final OpenTelemetrySdk sdk;

    private Tracing(OpenTelemetrySdk sdk) {
        this.sdk = sdk;
    }

    /**
     * Starts tracing as the settings say. On, the SDK reads every {@code OTEL_*} variable: by
     * default it exports over OTLP/HTTP with protobuf ({@code http://localhost:4318/v1/traces}; the
     * gRPC protocol is not bundled) in batches, samples every trace whose caller did not decide
     * otherwise, and calls the service {@code serviceName} unless {@code OTEL_SERVICE_NAME} says
     * otherwise. It exports no metrics and no logs unless told to ({@code OTEL_METRICS_EXPORTER},
     * {@code OTEL_LOGS_EXPORTER}): those have their own ways out. {@code OTEL_SDK_DISABLED=true}
     * turns it off again.
     *
     * @param settings    whether to trace
     * @param serviceName the default {@code service.name}, e.g. {@code orderstream-gateway}
     * @return the tracing, to close when the process stops (it exports what is left)
     * @throws IllegalStateException when tracing already runs in this process
     * @throws io.opentelemetry.sdk.autoconfigure.spi.ConfigurationException when an {@code OTEL_*} value is refused
     */
    public static Tracing start(TracingSettings settings, String serviceName) {
        if (!settings.enabled()) {
            return new Tracing(null);
        }
        synchronized (LOCK) {
            if (active != null) {
                throw new IllegalStateException("Tracing already runs in this process");
            }
            OpenTelemetrySdk sdk = AutoConfiguredOpenTelemetrySdk.builder()
                    // Defaults only: the environment and system properties override each.
                    .addPropertiesSupplier(() -> Map.of("otel.service.name", serviceName,
                                                        // The SDK's default is gRPC, whose sender is not bundled.
                                                        "otel.exporter.otlp.protocol", "http/protobuf",
                                                        "otel.metrics.exporter", "none",
                                                        "otel.logs.exporter", "none"))
                    .build()
                    .getOpenTelemetrySdk();
            active = new Active(sdk.getTracer(SCOPE), sdk.getPropagators().getTextMapPropagator());
            LOG.info("Tracing orders as " + serviceName + " (OpenTelemetry; exporter and sampler from OTEL_*)");
            return new Tracing(sdk);
        }
    }

    /**
     * Whether spans are made now.
     *
     * @return true while a started tracing is open
     */
    public static boolean enabled() {
        return active != null;
    }

    /** The tracer and the propagator of incoming requests' headers, or null while off. */
    static Active active() {
        return active;
    }

    /** Stops making spans, then exports those that are left (waits up to 10 s) and stops the SDK. */
    @Override
    public void close() {
        if (sdk == null) {
            return;
        }
        synchronized (LOCK) {
            active = null;
        }
        try {
            sdk.shutdown().join(10, TimeUnit.SECONDS);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Traces not all exported at stop", e);
        }
    }

    /** What a started tracing makes spans with. */
    record Active(Tracer tracer, TextMapPropagator propagator) {
    }
}
