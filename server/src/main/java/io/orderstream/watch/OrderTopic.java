package io.orderstream.watch;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.orderstream.bus.EventBus;
import io.orderstream.order.OrderEvent;
import io.orderstream.store.OrderStore;

/**
 * Everything this gateway knows of one watched order: its events so far, in seq order without a
 * gap, the watchers they go to, and the one bus subscription that brings new ones. The topic is
 * the order's single sequencer: the bus and the store both feed it, it passes each seq on once,
 * in order, and it alone reads the store for the order, once for all its watchers, whether to
 * back-fill a new watcher, to fill a gap the bus left, after a bus outage or when the order has
 * been quiet for a while.
 * <p>
 * Concurrency: {@code events}, {@code terminal}, {@code loaded} and {@code lastActivity} are
 * guarded by {@code lock}, held only for in-memory work, never across a store read or a send
 * (watchers' inboxes never block); watchers are added and iterated under it too, so each gets
 * every event exactly once, but leave without it. Store reads are serialised by {@code readLock};
 * the bus subscription is made and ended under {@code subscriptionLock}; {@code members} counts
 * the watches holding the topic, and the one that brings it to 0 tears it down.
 */
final class OrderTopic {
    private static final Logger LOG = Logger.getLogger(OrderTopic.class.getName());

    private final String orderId;
    private final OrderStore store;
    private final EventBus bus;
    private final LongAdder storeReads;

    private final ReentrantLock lock = new ReentrantLock();
    private final List<SharedEvent> events = new ArrayList<>();
    // Added under lock (with the history handed over), removed without it, iterated under it.
    private final Set<Watcher> watchers = ConcurrentHashMap.newKeySet();
    private boolean terminal;
    private boolean loaded;
    private long lastActivity = System.nanoTime();

    private final ReentrantLock readLock = new ReentrantLock();
    // Requests for a background read; the first starts a reader, which repeats while more came in.
    private final AtomicInteger readRequests = new AtomicInteger();

    private final ReentrantLock subscriptionLock = new ReentrantLock();
    private EventBus.Subscription subscription;
    private boolean ended;

    // Watches holding this topic, from 1 for the watch that made it; once it falls to 0 the topic
    // is dead and no one joins it again.
    private final AtomicInteger members = new AtomicInteger(1);

    OrderTopic(String orderId, OrderStore store, EventBus bus, LongAdder storeReads) {
        this.orderId = orderId;
        this.store = store;
        this.bus = bus;
        this.storeReads = storeReads;
    }

    String orderId() {
        return orderId;
    }

    /**
     * One more watch holds this topic, unless its last one already left.
     *
     * @return false when the topic is dead: use a new one
     */
    boolean join() {
        int now;
        do {
            now = members.get();
            if (now == 0) {
                return false;
            }
        } while (!members.compareAndSet(now, now + 1));
        return true;
    }

    /**
     * One watch left. Many watchers leave at once when an order ends, so this takes no lock
     * they would all queue on.
     *
     * @return true when it was the last: the caller tears the topic down
     */
    boolean leave(Watcher watcher) {
        watchers.remove(watcher);
        return members.decrementAndGet() == 0;
    }

    /** Subscribes once; a topic its last watcher left stays unsubscribed. May wait on the bus. */
    void subscribe() {
        subscriptionLock.lock();
        try {
            if (subscription == null && !ended) {
                subscription = bus.subscribe(orderId, this::received);
            }
        } finally {
            subscriptionLock.unlock();
        }
    }

    /** The last watcher left: no more events. May wait on the bus. */
    void unsubscribe() {
        subscriptionLock.lock();
        try {
            ended = true;
            if (subscription != null) {
                subscription.close();
            }
        } finally {
            subscriptionLock.unlock();
        }
    }

    /**
     * Makes sure this topic knows every event up to {@code seq}, reading the store if it does not
     * (the first watcher of an order, or a bus that lost an event). Blocks on the read.
     *
     * @throws io.orderstream.error.StoreUnavailableException when the store cannot be read
     */
    void catchUp(long seq) {
        if (knows(seq)) {
            return;
        }
        readLock.lock();
        try {
            // Another watcher's read may have brought it meanwhile.
            if (!knows(seq)) {
                read();
            }
        } finally {
            readLock.unlock();
        }
    }

    /**
     * Adds a watcher and starts it on the events after its seq, all in one step, so that every
     * later event reaches it through its inbox: no gap, no duplicate.
     */
    void attach(Watcher watcher, long afterSeq) {
        lock.lock();
        try {
            int from = (int) Math.min(afterSeq, events.size());
            List<SharedEvent> history = List.copyOf(events.subList(from, events.size()));
            watchers.add(watcher);
            watcher.start(history, terminal && history.isEmpty());
        } finally {
            lock.unlock();
        }
    }

    /** Reads the store in the background, once however often asked while a read is on its way. */
    void refreshSoon() {
        if (readRequests.getAndIncrement() == 0) {
            Thread.ofVirtual().name("topic-read-" + orderId).start(this::readWhileAsked);
        }
    }

    /** Reads the store if nothing came for {@code quietNanos}, unless the order has ended. */
    void refreshIfQuiet(long now, long quietNanos) {
        boolean quiet;
        lock.lock();
        try {
            quiet = !terminal && now - lastActivity >= quietNanos;
        } finally {
            lock.unlock();
        }
        if (quiet) {
            refreshSoon();
        }
    }

    /** A live event from the bus: its delivery thread, which must not block. */
    private void received(OrderEvent event) {
        boolean gap;
        lock.lock();
        try {
            // Also before the first read has finished: that read may have started before this
            // event was stored, so another read follows it.
            gap = !accept(event) && event.seq() > events.size() + 1;
        } finally {
            lock.unlock();
        }
        if (gap) {
            refreshSoon();
        }
    }

    private void readWhileAsked() {
        int handled = readRequests.get();
        boolean finished = false;
        try {
            do {
                readLock.lock();
                try {
                    read();
                } catch (RuntimeException e) {
                    // The next quiet check, or the next gap, tries again; the watchers stay.
                    LOG.log(Level.WARNING, "Could not read the events of order " + orderId + " to fill a gap", e);
                } finally {
                    readLock.unlock();
                }
                handled = readRequests.addAndGet(-handled);
            } while (handled != 0);
            finished = true;
        } finally {
            if (!finished) {
                // Ended by an Error: let the next request start a reader again.
                readRequests.set(0);
            }
        }
    }

    /** Reads every event after those known; the caller holds {@code readLock}. */
    private void read() {
        long after;
        lock.lock();
        try {
            after = events.size();
        } finally {
            lock.unlock();
        }
        storeReads.increment();
        List<OrderEvent> stored = store.eventsAfter(orderId, after);
        lock.lock();
        try {
            stored.forEach(this::accept);
            loaded = true;
            lastActivity = System.nanoTime();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Takes the next event in seq order and hands it to every watcher; the caller holds
     * {@code lock}.
     *
     * @return false when it is not the next seq (already known, or after a gap)
     */
    private boolean accept(OrderEvent event) {
        if (event.seq() != events.size() + 1) {
            return false;
        }
        SharedEvent shared = new SharedEvent(event);
        events.add(shared);
        lastActivity = System.nanoTime();
        terminal = event.isTerminal();
        for (Watcher watcher : watchers) {
            watcher.offer(shared);
        }
        return true;
    }

    private boolean knows(long seq) {
        lock.lock();
        try {
            return loaded && events.size() >= seq;
        } finally {
            lock.unlock();
        }
    }
}
