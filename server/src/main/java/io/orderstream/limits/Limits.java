package io.orderstream.limits;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.Optional;

import io.orderstream.auth.AuthMode;
import io.orderstream.auth.AuthSettings;
import io.orderstream.desk.Caller;
import io.orderstream.desk.OrderDesk;
import io.orderstream.desk.SubmitFace;
import io.orderstream.desk.SubmitQuota;
import io.orderstream.error.RateLimitedException;
import io.orderstream.metrics.MeterSet;
import io.orderstream.store.QueueShare;
import io.orderstream.store.QueueShareExceededException;
import io.orderstream.worker.BackendSettings;

import org.redisson.api.RedissonClient;

/**
 * Whether a caller is within its limits, the same way on every face, after it is authenticated
 * and allowed: a token bucket of submits, shared by all gateways through Redis when there is one;
 * its share of the order queue, kept by the database; and caps on what it holds open on this
 * gateway (WebSockets, {@code /ws} subscriptions, gRPC watches). A refusal is a
 * {@link RateLimitedException}, counted in {@code orderstream_rate_limited_total}.
 * <p>
 * A caller is its subject; in {@code none} mode, where everyone is the same anonymous subject, it
 * is the client's address instead, and one on loopback (the machine itself) is not limited unless
 * {@code orderstream.limits.anonymous.loopback.exempt} is false. Thread-safe.
 */
public final class Limits {
    /** The hint given with a cap's refusal: a place frees only when one of the caller's own ends. */
    static final Duration CAP_RETRY = Duration.ofSeconds(1);
    private static final QuotaKey UNKNOWN_ADDRESS = new QuotaKey("address:unknown", false);

    private final LimitSettings settings;
    private final AuthMode mode;
    private final int unfinishedOrders;
    private final SubmitRate submits;
    private final Caps webSockets;
    private final Caps subscriptions;
    private final Caps watches;
    private final LimitMeters meters;

    private Limits(LimitSettings settings, AuthMode mode, int queueCapacity, SubmitRate submits, MeterSet meters) {
        this.settings = settings;
        this.mode = mode;
        this.unfinishedOrders = settings.unfinishedOrders(queueCapacity);
        this.submits = submits;
        this.webSockets = new Caps(settings.webSockets());
        this.subscriptions = new Caps(settings.wsSubscriptions());
        this.watches = new Caps(settings.grpcWatches());
        this.meters = new LimitMeters(meters);
    }

    /**
     * The limits of one gateway: the submit buckets in Redis, shared by every gateway, when the
     * backend runs on Redis; in this gateway otherwise.
     *
     * @param settings the limits
     * @param auth     how callers are authenticated: in {@code none} mode they are told apart by address
     * @param backend  the queue's capacity, which each caller gets a share of, and Redis's prefix
     *                 and call limit, if the backend runs on Redis
     * @param redis    the backend's Redis client, if it has one
     * @param meters   where refusals are counted, until it closes
     * @return the limits
     */
    public static Limits create(LimitSettings settings, AuthSettings auth, BackendSettings backend,
                                Optional<RedissonClient> redis, MeterSet meters) {
        SubmitRate submits = backend.redis()
                .flatMap(shared -> redis.<SubmitRate>map(client -> new RedisSubmitRate(client, shared.prefix(),
                                                                                        shared.callLimit(), settings)))
                .orElseGet(() -> new LocalSubmitRate(settings));
        return new Limits(settings, auth.mode(), backend.queueCapacity(), submits, meters);
    }

    /**
     * Whom a call counts against.
     *
     * @param caller the authenticated caller
     * @param remote the client's address, as the transport saw it
     * @return the key
     */
    public QuotaKey key(Caller caller, SocketAddress remote) {
        if (mode != AuthMode.NONE) {
            return new QuotaKey("subject:" + caller.subject(), false);
        }
        if (!(remote instanceof InetSocketAddress socket) || socket.getAddress() == null) {
            return UNKNOWN_ADDRESS;
        }
        InetAddress address = socket.getAddress();
        return new QuotaKey("address:" + address.getHostAddress(),
                            settings.loopbackExempt() && address.isLoopbackAddress());
    }

    /**
     * What a caller may still submit, for {@link OrderDesk#submit}: one submit a time from its
     * bucket, its share of the order queue, refusals of either counted under the face.
     *
     * @param key the caller
     * @return its quota
     */
    public SubmitQuota submits(QuotaKey key) {
        if (key.exempt()) {
            return SubmitQuota.unlimited(key.name());
        }
        return new SubmitQuota() {
            @Override
            public void take(SubmitFace face) {
                takeSubmit(key, LimitedFace.of(face));
            }

            @Override
            public QueueShare share() {
                return new QueueShare(key.name(), unfinishedOrders);
            }

            @Override
            public RateLimitedException refused(QueueShareExceededException exceeded, SubmitFace face) {
                meters.refused(LimitedFace.of(face), Limit.UNFINISHED_ORDERS);
                return new RateLimitedException(exceeded.getMessage(), CAP_RETRY);
            }
        };
    }

    /**
     * Takes one of the caller's WebSockets on this gateway, until the connection ends.
     *
     * @param key  the caller
     * @param face which endpoint
     * @return the place, to close when the connection ends
     * @throws RateLimitedException when the caller has {@code orderstream.limits.websockets} open
     */
    public Slot webSocket(QuotaKey key, LimitedFace face) {
        return take(webSockets, key, face, Limit.WEBSOCKETS, "WebSockets open");
    }

    /**
     * Takes one of the caller's {@code /ws} subscriptions on this gateway, until it ends.
     *
     * @param key the caller
     * @return the place, to close when the subscription ends
     * @throws RateLimitedException when the caller watches {@code orderstream.limits.ws.subscriptions}
     *                              orders over {@code /ws} already
     */
    public Slot subscription(QuotaKey key) {
        return take(subscriptions, key, LimitedFace.MULTI_SOCKET, Limit.WS_SUBSCRIPTIONS, "orders watched over /ws");
    }

    /**
     * Takes one of the caller's {@code WatchOrder} streams on this gateway, until it ends.
     *
     * @param key the caller
     * @return the place, to close when the stream ends
     * @throws RateLimitedException when the caller has {@code orderstream.limits.grpc.watches} open
     */
    public Slot watch(QuotaKey key) {
        return take(watches, key, LimitedFace.GRPC, Limit.GRPC_WATCHES, "WatchOrder streams open");
    }

    /** Takes one submit from the caller's bucket, or refuses with the time until it has one again. */
    private void takeSubmit(QuotaKey key, LimitedFace face) {
        Duration wait = submits.take(key.name());
        if (!wait.isZero()) {
            meters.refused(face, Limit.SUBMIT_RATE);
            throw new RateLimitedException("Too many orders: at most "
                    + rate() + " per second (bursts of " + settings.submitBurst() + ") per caller", wait);
        }
    }

    private Slot take(Caps caps, QuotaKey key, LimitedFace face, Limit limit, String what) {
        if (key.exempt()) {
            return Slot.NONE;
        }
        Optional<Slot> slot = caps.take(key.name());
        if (slot.isEmpty()) {
            meters.refused(face, limit);
            throw new RateLimitedException("At most " + caps.most() + " " + what + " per caller on this gateway",
                                           CAP_RETRY);
        }
        return slot.get();
    }

    private String rate() {
        double rate = settings.submitRate();
        return rate == Math.rint(rate) ? String.valueOf((long) rate) : String.valueOf(rate);
    }

}
