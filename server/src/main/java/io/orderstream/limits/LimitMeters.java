package io.orderstream.limits;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.orderstream.metrics.MeterSet;

import io.helidon.metrics.api.Counter;

/**
 * {@code orderstream_rate_limited_total{face, limit}}: requests, connections and subscriptions
 * refused because their caller was past a limit, one series for each limit a face can refuse.
 * Thread-safe; recording allocates nothing.
 */
final class LimitMeters {
    private static final Map<LimitedFace, List<Limit>> REFUSED_BY = Map.of(
            LimitedFace.REST, List.of(Limit.SUBMIT_RATE, Limit.UNFINISHED_ORDERS),
            LimitedFace.GRPC, List.of(Limit.SUBMIT_RATE, Limit.UNFINISHED_ORDERS, Limit.GRPC_WATCHES),
            LimitedFace.ORDER_SOCKET, List.of(Limit.WEBSOCKETS),
            LimitedFace.MULTI_SOCKET, List.of(Limit.WEBSOCKETS, Limit.WS_SUBSCRIPTIONS));

    private final Map<LimitedFace, Map<Limit, Counter>> refused = new EnumMap<>(LimitedFace.class);

    /**
     * Registers the meters.
     *
     * @param meters where, until it closes
     */
    LimitMeters(MeterSet meters) {
        REFUSED_BY.forEach((face, limits) -> {
            Map<Limit, Counter> byLimit = new EnumMap<>(Limit.class);
            for (Limit limit : limits) {
                byLimit.put(limit, meters.counter("orderstream.rate.limited",
                                                  "Requests, connections and subscriptions refused because their "
                                                          + "caller was past a limit, by face and limit",
                                                  "face", face.tag(), "limit", limit.tag()));
            }
            refused.put(face, byLimit);
        });
    }

    void refused(LimitedFace face, Limit limit) {
        Counter counter = refused.get(face).get(limit);
        if (counter == null) {
            throw new IllegalArgumentException(face + " does not refuse by " + limit);
        }
        counter.increment();
    }
}
