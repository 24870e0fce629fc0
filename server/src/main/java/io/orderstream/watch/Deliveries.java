package io.orderstream.watch;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.orderstream.metrics.MeterSet;

import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.Timer;

/**
 * What reaches watchers, by face: events written to clients, how long after they were stored,
 * and watches cut off as too slow. The registry wraps each watch's sink with {@link #measured},
 * so no face counts for itself.
 * <p>
 * The lag is measured only for events stored while the client watched: an event replayed from
 * the history (a client that comes late, or resumes with an old seq) is delivered and counted,
 * but its age says nothing of the gateway's delay.
 */
public final class Deliveries {
    private final Map<Face, Meters> byFace = new EnumMap<>(Face.class);

    /**
     * Registers the meters.
     *
     * @param meters where, until it closes
     */
    public Deliveries(MeterSet meters) {
        for (Face face : Face.values()) {
            String tag = switch (face) {
            case GRPC -> "grpc";
            case ORDER_SOCKET -> "order-socket";
            case MULTI_SOCKET -> "multi-socket";
            };
            byFace.put(face, new Meters(
                    meters.counter("orderstream.events.delivered", "Events written to watching clients, by face",
                                   "face", tag),
                    meters.timer("orderstream.event.delivery.lag",
                                 "From an event's stored timestamp to its write to a client that watched it live, "
                                         + "by face", "face", tag),
                    meters.counter("orderstream.watch.cutoffs",
                                   "Watches cut off because their connection fell too far behind, by face",
                                   "face", tag)));
        }
    }

    /**
     * A sink that records what goes through it.
     *
     * @param face the watch's face
     * @param sink where the watch delivers
     * @return the measured sink
     */
    WatchSink measured(Face face, WatchSink sink) {
        return new MeasuredSink(sink, byFace.get(face), System.currentTimeMillis());
    }

    private record Meters(Counter delivered, Timer lag, Counter cutoffs) {
    }

    /** One watch's sink, measured; {@code since} is when the watch began, as event times are kept. */
    private record MeasuredSink(WatchSink sink, Meters meters, long since) implements WatchSink {
        @Override
        public void started() throws Exception {
            sink.started();
        }

        @Override
        public void send(SharedEvent event) throws Exception {
            sink.send(event);
            meters.delivered().increment();
            long stored = event.event().timestamp().toEpochMilli();
            if (stored >= since) {
                meters.lag().record(Math.max(0, System.currentTimeMillis() - stored), TimeUnit.MILLISECONDS);
            }
        }

        @Override
        public boolean isClosed() {
            return sink.isClosed();
        }

        @Override
        public void interruptSend() {
            sink.interruptSend();
        }

        @Override
        public void complete() {
            sink.complete();
        }

        @Override
        public void abort(WatchEnd end, String reason) {
            if (end == WatchEnd.SLOW_CONSUMER) {
                meters.cutoffs().increment();
            }
            sink.abort(end, reason);
        }
    }
}
