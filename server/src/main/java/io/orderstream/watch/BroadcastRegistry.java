package io.orderstream.watch;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import io.orderstream.bus.EventBus;
import io.orderstream.error.ShuttingDownException;
import io.orderstream.order.Order;
import io.orderstream.store.OrderStore;

/**
 * Who watches which order on this gateway: every face (gRPC, WebSocket, {@code /ws}) watches
 * through here. Each watched order has one {@link OrderTopic}, which holds the one bus
 * subscription for it and everything known of its events, and hands them to its watchers in seq
 * order: the stored history after each client's seq, then the live events, no gap, no duplicate.
 * The store is read once per order, not once per watcher; each event is encoded once per face
 * ({@link SharedEvent}). An order is subscribed when its first watcher arrives and unsubscribed
 * when its last leaves, so the gateway receives only events someone here watches. An order that
 * has ended has no topic: nothing more will come, so each of its watchers reads what it lacks of
 * the history once and ends, without a subscription.
 * <p>
 * Concurrency: {@code topics} is owned by this registry; an order's topic is created or joined
 * inside {@link ConcurrentHashMap#compute}; the watch that leaves it empty removes it. A topic
 * left empty is dead: it never takes a watcher or subscribes again, and the next watcher of the
 * same order gets a new topic. {@code watchers} holds every live watch, for counts and
 * shutdown; {@code emptied} is signalled under {@code lock} when it becomes empty.
 */
public final class BroadcastRegistry implements AutoCloseable {
    /** How long {@link #close()} waits for watches to tell their clients the server is stopping. */
    public static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(2);
    private static final long MIN_QUIET_CHECK_MILLIS = 50;

    private final OrderStore store;
    private final EventBus bus;
    private final Deliveries deliveries;
    private final Map<String, OrderTopic> topics = new ConcurrentHashMap<>();
    private final Set<Watcher> watchers = ConcurrentHashMap.newKeySet();
    private final LongAdder storeReads = new LongAdder();
    private final ScheduledExecutorService quietCheck;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition emptied = lock.newCondition();
    private volatile boolean closed;

    /**
     * Creates a registry.
     *
     * @param store      where history is read from
     * @param bus        where live events come from
     * @param idleCheck  how long a watched order may stay quiet before its topic looks in the
     *                   store for events the bus may have lost
     * @param deliveries counts what every watch delivers
     */
    public BroadcastRegistry(OrderStore store, EventBus bus, Duration idleCheck, Deliveries deliveries) {
        this.store = store;
        this.bus = bus;
        this.deliveries = deliveries;
        long quietNanos = idleCheck.toNanos();
        long period = Math.max(MIN_QUIET_CHECK_MILLIS, idleCheck.toMillis() / 2);
        this.quietCheck = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("watch-quiet-check").factory());
        quietCheck.scheduleWithFixedDelay(() -> {
            long now = System.nanoTime();
            topics.values().forEach(topic -> topic.refreshIfQuiet(now, quietNanos));
        }, period, period, TimeUnit.MILLISECONDS);
        bus.onRecovery(() -> topics.values().forEach(OrderTopic::refreshSoon));
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
     * @throws io.orderstream.error.StoreUnavailableException when the order's history cannot be read
     */
    public Watch watch(Order order, long afterSeq, Face face, WatchSink sink, Backlog backlog) {
        if (closed) {
            throw new ShuttingDownException();
        }
        sink = deliveries.measured(face, sink);
        String orderId = order.id();
        if (order.status().isTerminal()) {
            // An ended order: nothing will come, so no topic and no subscription. The client gets
            // what it lacks of the stored history, ending with the terminal event, or, when it
            // has the last event, an end at once.
            List<SharedEvent> history = List.of();
            if (afterSeq < order.lastSeq()) {
                storeReads.increment();
                history = store.eventsAfter(orderId, afterSeq).stream().map(SharedEvent::new).toList();
            }
            Watcher watcher = new Watcher(orderId, afterSeq, face, sink, backlog, this::forget);
            watchers.add(watcher);
            watcher.start(history, history.isEmpty());
            return watcher;
        }
        // A topic whose last watch just left is dead (it is unsubscribing): replace it.
        OrderTopic topic = topics.compute(orderId, (id, existing) ->
                existing != null && existing.join() ? existing : new OrderTopic(id, store, bus, storeReads));
        // The topic's id, one string for all the order's watchers, not this read's copy.
        Watcher watcher = new Watcher(topic.orderId(), afterSeq, face, sink, backlog, ended -> leave(topic, ended));
        watchers.add(watcher);
        if (closed) {
            // close() may have stopped every watch before this one was added.
            leave(topic, watcher);
            throw new ShuttingDownException();
        }
        try {
            // Subscribed before the history is read, so no event falls between the two; outside
            // the map's lock, as subscribing and reading may wait.
            topic.subscribe();
            topic.catchUp(order.lastSeq());
        } catch (RuntimeException e) {
            leave(topic, watcher);
            throw e;
        }
        topic.attach(watcher, afterSeq);
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
     * How often this gateway has read an order's events from the store for its watchers: once
     * per watched order, plus once per gap the bus left, per bus recovery and per quiet period.
     *
     * @return reads since start
     */
    public long storeReads() {
        return storeReads.sum();
    }

    /**
     * Ends every watch with {@link WatchEnd#SHUTDOWN}, so clients learn why and can resume
     * elsewhere; new watches are refused. Waits up to {@link #SHUTDOWN_GRACE} for the watches to
     * tell their clients, then leaves the rest to the transports' own shutdown. Idempotent.
     */
    @Override
    public void close() {
        closed = true;
        quietCheck.shutdownNow();
        watchers.forEach(watcher -> watcher.stop(WatchEnd.SHUTDOWN));
        lock.lock();
        try {
            long wait = SHUTDOWN_GRACE.toNanos();
            while (!watchers.isEmpty() && wait > 0) {
                wait = emptied.awaitNanos(wait);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    /** A watch of a topic ended: leave the topic, and tear it down if it was the last. */
    private void leave(OrderTopic topic, Watcher watcher) {
        if (topic.leave(watcher)) {
            topics.remove(topic.orderId(), topic);
            topic.unsubscribe();
        }
        forget(watcher);
    }

    private void forget(Watcher watcher) {
        watchers.remove(watcher);
        if (watchers.isEmpty()) {
            lock.lock();
            try {
                emptied.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }
}
