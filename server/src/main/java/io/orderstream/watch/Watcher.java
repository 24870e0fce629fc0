package io.orderstream.watch;

import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * One watch: the events waiting for its client and the sending of them, in seq order.
 * <p>
 * Its topic hands it the stored history once, then each later event, already in order; the
 * watcher only sends. An idle watch holds no thread: an event (or a stop, or a cut-off) starts a
 * virtual thread that sends everything waiting and ends when nothing is left, and at most one such
 * thread runs at a time ({@code work} counts the reasons to run; the thread that takes it from 0
 * owns the sink until it brings it back to 0). The inbox is unbounded as a queue but bounded by
 * the connection's {@link Backlog}: an event that would pass the backlog's limit is not queued
 * but cuts the connection off as a slow consumer. {@code started} and {@code lastSeq} are
 * confined to the sending thread (handed from one to the next through {@code work}). Its counter
 * and flags are updater fields, not atomic objects: a gateway holds one watcher per idle watch.
 */
final class Watcher implements Watch {
    private static final Logger LOG = Logger.getLogger(Watcher.class.getName());
    private static final String SHUTTING_DOWN = "Server is shutting down; reconnect with your last seq to resume";
    private static final AtomicIntegerFieldUpdater<Watcher> WORK = AtomicIntegerFieldUpdater.newUpdater(
            Watcher.class, "work");
    private static final AtomicIntegerFieldUpdater<Watcher> ENDED = AtomicIntegerFieldUpdater.newUpdater(
            Watcher.class, "ended");
    private static final AtomicIntegerFieldUpdater<Watcher> DETACHED = AtomicIntegerFieldUpdater.newUpdater(
            Watcher.class, "detached");

    private final String orderId;
    private final Face face;
    private final WatchSink sink;
    private final Backlog backlog;
    // Told once, with this watcher, when it ends or is cut off.
    private final Consumer<Watcher> onEnd;
    private final Queue<SharedEvent> inbox = new ConcurrentLinkedQueue<>();
    // From 1 until start(): a stop or cut-off before then is counted, and start() sends it.
    private volatile int work = 1;
    private volatile int ended;
    private volatile int detached;
    private volatile boolean overflowed;
    private volatile WatchEnd stopRequest;
    private volatile List<SharedEvent> history = List.of();
    private volatile boolean nothingMore;
    private boolean started;
    private long lastSeq;

    Watcher(String orderId, long afterSeq, Face face, WatchSink sink, Backlog backlog, Consumer<Watcher> onEnd) {
        this.orderId = orderId;
        this.lastSeq = afterSeq;
        this.face = face;
        this.sink = sink;
        this.backlog = backlog;
        this.onEnd = onEnd;
    }

    @Override
    public String orderId() {
        return orderId;
    }

    Face face() {
        return face;
    }

    /**
     * Starts sending.
     *
     * @param stored      the stored events after the client's seq, in order
     * @param nothingMore the order has ended and the client has its last event: complete at once
     */
    void start(List<SharedEvent> stored, boolean nothingMore) {
        this.history = stored;
        this.nothingMore = nothingMore;
        backlog.join(this);
        // The sending thread takes over the 1 that work started with.
        Thread.ofVirtual().name("watch-" + orderId).start(this::sendWhileWaiting);
    }

    /** The next event of the order, from its topic; never blocks. */
    void offer(SharedEvent event) {
        if (ended != 0 || overflowed) {
            return;
        }
        if (!backlog.tryAdd()) {
            backlog.overflow();
            return;
        }
        inbox.add(event);
        if (ended != 0) {
            // Ended while this event was being queued: give it back, no one will send it.
            drainInbox();
        } else {
            schedule();
        }
    }

    /**
     * The connection fell too far behind. Nothing more is queued for it; the sending thread, once
     * any send it is blocked in returns, tells the client why. Leaving the registry happens on a
     * thread of its own: this may be called while a topic's lock is held.
     */
    void cutOff() {
        overflowed = true;
        Thread.ofVirtual().name("watch-cut-" + orderId).start(this::detach);
        sink.interruptSend();
        schedule();
    }

    /** Ends the watch from the server's side (shutdown); the sink is told why. */
    void stop(WatchEnd end) {
        stopRequest = end;
        // A send waiting for a client that does not read gives up, so the client is told now.
        sink.interruptSend();
        schedule();
    }

    @Override
    public void cancel() {
        // A send in progress finishes; the sending thread then finds the watch ended. It is not
        // interrupted: on /ws that would close a connection other watches still use.
        end();
    }

    private void schedule() {
        if (WORK.getAndIncrement(this) == 0) {
            Thread.ofVirtual().name("watch-" + orderId).start(this::sendWhileWaiting);
        }
    }

    private void sendWhileWaiting() {
        int handled = 1;
        try {
            while (sendWaiting()) {
                handled = WORK.addAndGet(this, -handled);
                if (handled == 0) {
                    return;
                }
            }
            // The watch is over: work stays above 0, so no thread starts again.
        } catch (Exception e) {
            failed(e);
        } catch (Error e) {
            failed(e);
            throw e;
        }
    }

    /**
     * Sends what is waiting, unless the watch must end.
     *
     * @return false when the watch is over
     */
    private boolean sendWaiting() throws Exception {
        if (mustStop()) {
            return false;
        }
        if (!started) {
            started = true;
            sink.started();
        }
        if (nothingMore) {
            complete();
            return false;
        }
        List<SharedEvent> stored = history;
        history = List.of();
        for (int i = 0; i < stored.size(); i++) {
            if (mustStop() || send(stored.get(i), i + 1 < stored.size() || !inbox.isEmpty())) {
                return false;
            }
        }
        SharedEvent event;
        while ((event = inbox.poll()) != null) {
            // Out of the inbox: no longer waiting, whatever happens to it next.
            backlog.release();
            if (mustStop() || send(event, !inbox.isEmpty())) {
                return false;
            }
        }
        return true;
    }

    /**
     * Ends the watch if it was cancelled, cut off or stopped, telling the client why.
     *
     * @return true when the watch is over
     */
    private boolean mustStop() {
        if (ended != 0) {
            return true;
        }
        if (overflowed) {
            finish(WatchEnd.SLOW_CONSUMER, backlog.tooSlow());
            return true;
        }
        WatchEnd stop = stopRequest;
        if (stop != null) {
            finish(stop, SHUTTING_DOWN);
            return true;
        }
        return false;
    }

    /**
     * Sends one event unless the client has it. A terminal event ends the watch unless later
     * events are already here: then the order was replayed after that execution ended, and the
     * watch goes on with the new execution.
     *
     * @param laterKnown whether an event after this one is waiting already
     * @return true when it was the terminal event and the watch is complete
     */
    private boolean send(SharedEvent event, boolean laterKnown) throws Exception {
        if (event.seq() <= lastSeq) {
            return false;
        }
        sink.send(event);
        lastSeq = event.seq();
        if (event.isTerminal() && !laterKnown) {
            // The other watchers of the order are queued behind this thread with the same event;
            // they get it before this one spends a close frame and a socket close on its client.
            Thread.yield();
            complete();
            return true;
        }
        return false;
    }

    private void complete() {
        if (end()) {
            sink.complete();
        }
    }

    private void failed(Throwable e) {
        if (overflowed) {
            // The send was abandoned because the client fell behind.
            finish(WatchEnd.SLOW_CONSUMER, backlog.tooSlow());
        } else if (stopRequest != null) {
            // The send was abandoned because the server is stopping.
            finish(stopRequest, SHUTTING_DOWN);
        } else {
            // A client that went away fails its sends (often before its transport says it is
            // closed: a broken pipe, a reset), which is routine; anything else is not.
            boolean routine = sink.isClosed() || Stream.iterate(e, Objects::nonNull, Throwable::getCause)
                    .anyMatch(IOException.class::isInstance);
            if (finish(WatchEnd.FAILED, "Delivery failed")) {
                LOG.log(routine ? Level.FINE : Level.WARNING, "Watch of order " + orderId + " failed", e);
            }
        }
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
    }

    /** Ends the watch, telling the client why; true for the caller that ended it. */
    private boolean finish(WatchEnd end, String reason) {
        if (!end()) {
            return false;
        }
        try {
            sink.abort(end, reason);
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "Could not tell the client of order " + orderId + " why its watch ended", e);
        }
        return true;
    }

    /** Marks the watch ended once; true for the caller that did it. */
    private boolean end() {
        if (ENDED.compareAndSet(this, 0, 1)) {
            detach();
            drainInbox();
            return true;
        }
        return false;
    }

    /** Empties the inbox, giving its events back to the connection's backlog. */
    private void drainInbox() {
        while (inbox.poll() != null) {
            backlog.release();
        }
    }

    private void detach() {
        if (DETACHED.compareAndSet(this, 0, 1)) {
            backlog.leave(this);
            onEnd.accept(this);
        }
    }
}
