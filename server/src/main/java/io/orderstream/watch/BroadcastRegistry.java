package io.orderstream.watch;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.orderstream.bus.EventBus;
import io.orderstream.order.Order;
import io.orderstream.order.OrderEvent;
import io.orderstream.store.OrderStore;

/**
 * Who watches which order on this gateway, and the one subscription per watched order that
 * feeds them: every face (gRPC, WebSocket, {@code /ws}) watches through here.
 * <p>
 * A watch registers live first, then replays the stored history after the client's seq, then
 * delivers live events, dropping seqs already sent: no gap, no duplicate, in order. The bus is
 * subscribed for an order when its first watcher arrives and unsubscribed when its last leaves,
 * so the gateway receives only events that someone here watches.
 * <p>
 * Concurrency: {@code topics} is owned by this registry; an order's entry is created and
 * removed only inside {@link ConcurrentHashMap#compute}, which also (un)subscribes the bus, so
 * a watcher can never be added to a topic that is being torn down.
 */
public final class BroadcastRegistry implements AutoCloseable {
    /** How long {@link #close()} waits for watches to tell their clients the server is stopping. */
    public static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(2);

    private final OrderStore store;
    private final EventBus bus;
    private final Duration idleCheck;
    private final Map<String, Topic> topics = new ConcurrentHashMap<>();
    private final Set<Watcher> watchers = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /**
     * Creates a registry.
     *
     * @param store      where history is replayed from
     * @param bus        where live events come from
     * @param idleCheck  how long a quiet watcher waits before it looks in the store for events
     *                   the bus may have lost
     */
    public BroadcastRegistry(OrderStore store, EventBus bus, Duration idleCheck) {
        this.store = store;
        this.bus = bus;
        this.idleCheck = idleCheck;
        bus.onRecovery(() -> watchers.forEach(Watcher::resync));
    }

    /**
     * Starts a watch. The caller has checked that {@code afterSeq} is not beyond the order's
     * last event.
     *
     * @param order    the order, as read just now
     * @param afterSeq the last seq the client saw; 0 for everything
     * @param face     the face it came through
     * @param sink     where its events go
     * @param backlog  the client connection's backlog, shared by all watches on that connection
     * @return the watch, for the face to cancel when the client leaves
     * @throws ShuttingDownException when the registry is closed
     */
    public Watch watch(Order order, long afterSeq, Face face, WatchSink sink, Backlog backlog) {
        String orderId = order.id();
        if (closed) {
            throw new ShuttingDownException();
        }
        Watcher[] self = new Watcher[1];
        // An ended order whose last event the client has: nothing will come, end at once.
        boolean nothingMore = order.status().isTerminal() && afterSeq >= order.lastSeq();
        Watcher watcher = new Watcher(orderId, afterSeq, nothingMore, face, sink, backlog, store, idleCheck,
                                      () -> remove(self[0]));
        self[0] = watcher;
        watchers.add(watcher);
        topics.compute(orderId, (id, topic) -> {
            Topic live = topic == null ? new Topic(id) : topic;
            live.watchers.add(watcher);
            return live;
        });
        watcher.start();
        return watcher;
    }

    /**
     * Live watches by face.
     *
     * @return counts
     */
    public WatchCounts counts() {
        int grpc = 0;
        int orderSockets = 0;
        int multiSocket = 0;
        for (Watcher watcher : watchers) {
            switch (watcher.face()) {
            case GRPC -> grpc++;
            case ORDER_SOCKET -> orderSockets++;
            case MULTI_SOCKET -> multiSocket++;
            default -> throw new IllegalStateException("Unknown face " + watcher.face());
            }
        }
        return new WatchCounts(grpc, orderSockets, multiSocket, topics.size());
    }

    /**
     * Ends every watch with {@link WatchEnd#SHUTDOWN}, so clients learn why and can resume
     * elsewhere; new watches are refused. Waits up to {@link #SHUTDOWN_GRACE} for the watches to
     * tell their clients, then leaves the rest to the transports' own shutdown.
     */
    @Override
    public void close() {
        closed = true;
        watchers.forEach(watcher -> watcher.stop(WatchEnd.SHUTDOWN));
        long deadline = System.nanoTime() + SHUTDOWN_GRACE.toNanos();
        try {
            while (!watchers.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void remove(Watcher watcher) {
        watchers.remove(watcher);
        topics.computeIfPresent(watcher.orderId(), (id, topic) -> {
            topic.watchers.remove(watcher);
            if (topic.watchers.isEmpty()) {
                topic.subscription.close();
                return null;
            }
            return topic;
        });
    }

    /** The watchers of one order and the bus subscription that feeds them. */
    private final class Topic {
        private final Set<Watcher> watchers = ConcurrentHashMap.newKeySet();
        private final EventBus.Subscription subscription;

        private Topic(String orderId) {
            this.subscription = bus.subscribe(orderId, this::publish);
        }

        private void publish(OrderEvent event) {
            watchers.forEach(watcher -> watcher.offer(event));
        }
    }
}
