package io.orderstream.watch;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

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
 * removed only inside {@link ConcurrentHashMap#compute}, so a watcher is never added to a topic
 * that is being torn down; a torn-down topic never subscribes again, and a new watcher of the
 * same order gets a new topic.
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
        Topic topic = topics.compute(orderId, (id, existing) -> {
            Topic live = existing == null ? new Topic(id) : existing;
            live.watchers.add(watcher);
            return live;
        });
        // Subscribed before the watcher reads the history, so no event falls between the two; and
        // outside the map's lock, as subscribing may wait on the bus.
        topic.subscribe();
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
        Topic[] emptied = new Topic[1];
        topics.computeIfPresent(watcher.orderId(), (id, topic) -> {
            topic.watchers.remove(watcher);
            if (topic.watchers.isEmpty()) {
                emptied[0] = topic;
                return null;
            }
            return topic;
        });
        if (emptied[0] != null) {
            emptied[0].unsubscribe();
        }
    }

    /**
     * The watchers of one order and the bus subscription that feeds them. The subscription is
     * made and ended outside the registry's map, under this topic's own lock, so a slow bus holds
     * up only this order's watchers.
     */
    private final class Topic {
        private final String orderId;
        private final Set<Watcher> watchers = ConcurrentHashMap.newKeySet();
        private final ReentrantLock lock = new ReentrantLock();
        private EventBus.Subscription subscription;
        private boolean ended;

        private Topic(String orderId) {
            this.orderId = orderId;
        }

        /** Subscribes once; a topic already left by its last watcher stays unsubscribed. */
        private void subscribe() {
            lock.lock();
            try {
                if (subscription == null && !ended) {
                    subscription = bus.subscribe(orderId, this::publish);
                }
            } finally {
                lock.unlock();
            }
        }

        private void unsubscribe() {
            lock.lock();
            try {
                ended = true;
                if (subscription != null) {
                    subscription.close();
                }
            } finally {
                lock.unlock();
            }
        }

        private void publish(OrderEvent event) {
            watchers.forEach(watcher -> watcher.offer(event));
        }
    }
}
