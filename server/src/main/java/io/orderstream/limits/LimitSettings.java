package io.orderstream.limits;

import java.time.Duration;
import java.util.List;

import io.orderstream.config.ConfigKey;

import io.helidon.config.Config;

/**
 * How much each caller may take of a gateway: submits per second, open WebSockets, {@code /ws}
 * subscriptions, gRPC watches, and its share of the order queue. A caller is a subject, or in
 * anonymous mode a client address; anonymous callers on loopback may be left unlimited.
 *
 * @param submitRate        submits per second a caller's bucket refills with
 * @param submitBurst       the bucket's size: submits a caller may send at once after a pause
 * @param webSockets        WebSockets (both endpoints) one caller may have open on one gateway
 * @param wsSubscriptions   orders one caller may watch at once over {@code /ws} on one gateway
 * @param grpcWatches       {@code WatchOrder} streams one caller may have open on one gateway
 * @param queueSharePercent share of the queue's capacity one caller's unfinished orders may fill
 * @param loopbackExempt    whether anonymous callers on a loopback address are left unlimited
 */
public record LimitSettings(double submitRate,
                            int submitBurst,
                            int webSockets,
                            int wsSubscriptions,
                            int grpcWatches,
                            int queueSharePercent,
                            boolean loopbackExempt) {
    /** Submits per second per caller. */
    public static final ConfigKey<Double> SUBMIT_RATE = ConfigKey.decimal("orderstream.limits.submit.rate", 50);
    /** Submits a caller may send at once. */
    public static final ConfigKey<Integer> SUBMIT_BURST = ConfigKey.integer("orderstream.limits.submit.burst", 100);
    /** Open WebSockets per caller per gateway. */
    public static final ConfigKey<Integer> WEBSOCKETS = ConfigKey.integer("orderstream.limits.websockets", 1000);
    /** {@code /ws} subscriptions per caller per gateway. */
    public static final ConfigKey<Integer> WS_SUBSCRIPTIONS = ConfigKey.integer("orderstream.limits.ws.subscriptions",
                                                                                10_000);
    /** {@code WatchOrder} streams per caller per gateway. */
    public static final ConfigKey<Integer> GRPC_WATCHES = ConfigKey.integer("orderstream.limits.grpc.watches", 10_000);
    /** Percent of {@code orderstream.queue.capacity} one caller's unfinished orders may fill. */
    public static final ConfigKey<Integer> QUEUE_SHARE = ConfigKey.integer("orderstream.limits.queue.share.percent",
                                                                           10);
    /** Whether anonymous callers on loopback are unlimited. */
    public static final ConfigKey<Boolean> LOOPBACK_EXEMPT = ConfigKey.flag(
            "orderstream.limits.anonymous.loopback.exempt", true);
    /** Every key these settings read. */
    public static final List<ConfigKey<?>> KEYS = List.of(SUBMIT_RATE, SUBMIT_BURST, WEBSOCKETS, WS_SUBSCRIPTIONS,
                                                          GRPC_WATCHES, QUEUE_SHARE, LOOPBACK_EXEMPT);
    /** Slowest refill: one submit a day. */
    private static final double MIN_RATE = 1.0 / Duration.ofDays(1).toSeconds();

    /**
     * Validates the settings.
     *
     * @param submitRate        at least one a day
     * @param submitBurst       at least 1
     * @param webSockets        at least 1
     * @param wsSubscriptions   at least 1
     * @param grpcWatches       at least 1
     * @param queueSharePercent 1 to 100
     * @param loopbackExempt    whether anonymous callers on loopback are unlimited
     */
    public LimitSettings {
        if (!(submitRate >= MIN_RATE)) {
            throw new IllegalArgumentException(SUBMIT_RATE.name() + " must be positive (per second; at least one a "
                                                       + "day), got " + submitRate);
        }
        atLeastOne(SUBMIT_BURST, submitBurst);
        atLeastOne(WEBSOCKETS, webSockets);
        atLeastOne(WS_SUBSCRIPTIONS, wsSubscriptions);
        atLeastOne(GRPC_WATCHES, grpcWatches);
        if (queueSharePercent < 1 || queueSharePercent > 100) {
            throw new IllegalArgumentException(QUEUE_SHARE.name() + " must be from 1 to 100, got " + queueSharePercent);
        }
    }

    /**
     * Reads the settings.
     *
     * @param config the root configuration
     * @return the settings
     * @throws IllegalArgumentException when a value cannot be read or is out of range
     */
    public static LimitSettings create(Config config) {
        return new LimitSettings(SUBMIT_RATE.get(config), SUBMIT_BURST.get(config), WEBSOCKETS.get(config),
                                 WS_SUBSCRIPTIONS.get(config), GRPC_WATCHES.get(config), QUEUE_SHARE.get(config),
                                 LOOPBACK_EXEMPT.get(config));
    }

    /**
     * The time in which an empty submit bucket fills again.
     *
     * @return {@code submitBurst / submitRate}
     */
    public Duration submitRefill() {
        return Duration.ofNanos(Math.max(1, Math.round(submitBurst / submitRate * 1e9)));
    }

    /**
     * Most unfinished orders of one caller.
     *
     * @param queueCapacity the queue's capacity
     * @return the share of it, at least 1
     */
    public int unfinishedOrders(int queueCapacity) {
        return (int) Math.max(1, (long) queueCapacity * queueSharePercent / 100);
    }

    private static void atLeastOne(ConfigKey<Integer> key, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(key.name() + " must be at least 1, got " + value);
        }
    }
}
