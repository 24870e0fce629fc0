package io.orderstream.metrics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.FunctionalCounter;
import io.helidon.metrics.api.Gauge;
import io.helidon.metrics.api.Meter;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Metrics;
import io.helidon.metrics.api.Tag;
import io.helidon.metrics.api.Timer;

/**
 * The meters one part of a process registers in Helidon's global meter registry (Micrometer
 * underneath, scraped in Prometheus format at {@code /observe/metrics}), removed again when it
 * closes: a gateway or worker stopped in a running JVM leaves nothing behind.
 * <p>
 * Names follow Micrometer's dotted form ({@code orderstream.orders.confirmed}); the Prometheus
 * output writes them with underscores and adds {@code _total} to counters and the base unit to
 * timers ({@code _seconds}). Two holders of one meter in one JVM (tests run several gateways)
 * share it, and it is removed when the last of them closes. Registration is for start-up, not
 * for the hot path: callers keep the meters it returns and record on those.
 */
public final class MeterSet implements AutoCloseable {
    /**
     * Buckets of every timer's histogram, from a millisecond to a minute: DEX calls and steps of
     * the mock run from 0 to about a second, and anything past a minute is an outage.
     */
    private static final Duration[] BUCKETS = {
            Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
            Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
            Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10),
            Duration.ofSeconds(30), Duration.ofSeconds(60)};
    /** How many open sets hold each meter, by name and tags. */
    private static final Map<String, Integer> HOLDERS = new HashMap<>();

    private final MeterRegistry registry = Metrics.globalRegistry();
    private final List<Meter> meters = new ArrayList<>();
    private boolean closed;

    /**
     * A counter.
     *
     * @param name        dotted name, without {@code total}
     * @param description what it counts
     * @param tags        tag names and values, alternating
     * @return the counter
     */
    public Counter counter(String name, String description, String... tags) {
        return hold(Counter.builder(name).description(description).tags(tags(tags)));
    }

    /**
     * A counter read from a value kept elsewhere, which only ever grows.
     *
     * @param name        dotted name, without {@code total}
     * @param description what it counts
     * @param state       what holds the count
     * @param count       reads the count
     * @param <T>         the holder's type
     * @return the counter
     */
    public <T> FunctionalCounter functionalCounter(String name, String description, T state,
                                                   Function<T, Long> count) {
        return hold(FunctionalCounter.builder(name, state, count).description(description));
    }

    /**
     * A timer with a histogram ({@code _bucket} lines from 1 ms to 60 s), in seconds.
     *
     * @param name        dotted name, without the unit
     * @param description what it times
     * @param tags        tag names and values, alternating
     * @return the timer
     */
    public Timer timer(String name, String description, String... tags) {
        // Buckets only: client-side percentiles cannot be aggregated across processes.
        return hold(Timer.builder(name).description(description).tags(tags(tags)).buckets(BUCKETS)
                            .percentiles(new double[0]));
    }

    /**
     * A gauge, read when scraped.
     *
     * @param name        dotted name
     * @param description what it shows
     * @param baseUnit    the unit Prometheus appends to the name ({@code seconds}), or null
     * @param value       reads the value; it must not block long
     * @param tags        tag names and values, alternating
     * @param <N>         the value's type
     * @return the gauge
     */
    public <N extends Number> Gauge<N> gauge(String name, String description, String baseUnit, Supplier<N> value,
                                             String... tags) {
        Gauge.Builder<N> builder = Gauge.builder(name, value).description(description).tags(tags(tags));
        if (baseUnit != null) {
            builder.baseUnit(baseUnit);
        }
        return hold(builder);
    }

    private <B extends Meter.Builder<B, M>, M extends Meter> M hold(B builder) {
        synchronized (HOLDERS) {
            if (closed) {
                throw new IllegalStateException("Meters registered after their set was closed: " + builder.name());
            }
            M meter = registry.getOrCreate(builder);
            meters.add(meter);
            HOLDERS.merge(key(meter), 1, Integer::sum);
            return meter;
        }
    }

    private static List<Tag> tags(String... pairs) {
        if (pairs.length % 2 != 0) {
            throw new IllegalArgumentException("Tags come in name-value pairs, got " + pairs.length + " strings");
        }
        List<Tag> tags = new ArrayList<>(pairs.length / 2);
        for (int i = 0; i < pairs.length; i += 2) {
            tags.add(Tag.create(pairs[i], pairs[i + 1]));
        }
        return tags;
    }

    private static String key(Meter meter) {
        return meter.id().name() + meter.id().tagsMap();
    }

    /** Removes each meter of this set that no other open set holds. Idempotent. */
    @Override
    public void close() {
        synchronized (HOLDERS) {
            if (closed) {
                return;
            }
            closed = true;
            for (Meter meter : meters) {
                String key = key(meter);
                if (HOLDERS.merge(key, -1, Integer::sum) == 0) {
                    HOLDERS.remove(key);
                    registry.remove(meter);
                }
            }
            meters.clear();
        }
    }
}
