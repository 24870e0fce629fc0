package io.orderstream.engine;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.orderstream.logs.OrderLog;
import io.orderstream.queue.WorkSignal;
import io.orderstream.store.EventLog;
import io.orderstream.store.OrderClaims;
import io.orderstream.tracing.Traced;

/**
 * Claims orders from the database and executes them, {@code concurrency} at a time, each on a
 * virtual thread of its own.
 * <p>
 * One dispatcher thread claims as many orders as there are free slots, in one statement; when
 * the queue has nothing claimable it waits for a {@link WorkSignal} hint or the poll interval,
 * whichever comes first (the poll is what finds a dead worker's lapsed claims). A
 * {@link ClaimHeartbeat} keeps the claims of the orders executing here alive while this process
 * lives.
 * <p>
 * An order that fails unexpectedly is released to rest for a moment before any worker claims it
 * again; one claimed more than {@code maxDeliveries} times (it keeps crashing workers) is ended
 * as failed. On close, executions are interrupted and their claims released at once; a
 * {@link #drain drain} first stops claiming and gives the executions in flight time to end.
 */
public final class Worker implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Worker.class.getName());
    /** How long an order that failed unexpectedly rests before it is claimed again. */
    private static final Duration FAILURE_REST = Duration.ofMillis(500);

    private final OrderClaims claims;
    private final WorkSignal signal;
    private final EventLog events;
    private final OrderExecutor executor;
    private final WorkerSettings settings;
    private final String owner = "worker-" + ProcessHandle.current().pid() + "-" + UUID.randomUUID();
    private final Semaphore slots;
    // Owned by the dispatcher (adds) and each execution (removes itself); read by the heartbeat.
    private final Map<String, Thread> running = new ConcurrentHashMap<>();
    private final ClaimHeartbeat heartbeat;
    // Signalled, under its monitor, each time an execution ends while the worker drains.
    private final Object executionEnded = new Object();
    // Set once by drain; the dispatcher reads it between claims.
    private volatile boolean draining;
    private Thread dispatcher;

    /**
     * Creates a worker; {@link #start()} starts it.
     *
     * @param claims   the order queue
     * @param signal   hints that work was queued
     * @param events   where executions record their steps
     * @param executor executes one order
     * @param settings how it runs
     */
    public Worker(OrderClaims claims, WorkSignal signal, EventLog events, OrderExecutor executor,
                  WorkerSettings settings) {
        this.claims = claims;
        this.signal = signal;
        this.events = events;
        this.executor = executor;
        this.settings = settings;
        this.slots = new Semaphore(settings.concurrency());
        this.heartbeat = new ClaimHeartbeat(claims, owner, settings.claimLength(), running);
    }

    /**
     * Starts claiming.
     *
     * @return this worker
     */
    public synchronized Worker start() {
        if (dispatcher != null) {
            throw new IllegalStateException("Worker already started");
        }
        heartbeat.start();
        dispatcher = Thread.ofPlatform().name("order-dispatcher").start(this::dispatch);
        return this;
    }

    /**
     * Orders this worker executes at once.
     *
     * @return concurrency
     */
    public int concurrency() {
        return settings.concurrency();
    }

    /**
     * Orders being executed now.
     *
     * @return count
     */
    public int inFlight() {
        return running.size();
    }

    private void dispatch() {
        boolean failing = false;
        while (!draining && !Thread.currentThread().isInterrupted()) {
            try {
                // Bounded, so a drain is noticed within a poll interval even when every slot is busy.
                if (!slots.tryAcquire(settings.pollInterval().toNanos(), TimeUnit.NANOSECONDS)) {
                    continue;
                }
                int wanted = 1 + slots.drainPermits();
                int started = 0;
                try {
                    for (OrderClaims.Claimed claimed : claims.claim(owner, wanted, settings.claimLength())) {
                        started += start(claimed) ? 1 : 0;
                    }
                } finally {
                    slots.release(wanted - started);
                }
                if (failing) {
                    LOG.info("Claiming orders works again");
                    failing = false;
                }
                if (started < wanted) {
                    // The queue has nothing claimable now: wait for a hint, or poll for lapsed claims.
                    signal.await(settings.pollInterval());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                // The database is unreachable: back off instead of spinning. The first failure of an
                // outage is logged in full, the rest only at FINE.
                LOG.log(failing ? Level.FINE : Level.WARNING, "Claiming orders failed; retrying shortly", e);
                failing = true;
                sleepQuietly(settings.pollInterval());
            }
        }
    }

    /** Starts executing a claimed order; false when it is already executing here. */
    private boolean start(OrderClaims.Claimed claimed) {
        String orderId = claimed.order().id();
        if (running.containsKey(orderId)) {
            // Our own claim lapsed and came back while the execution still runs (a stalled
            // heartbeat): that execution goes on, under the claim renewed now.
            return false;
        }
        Thread execution = Thread.ofVirtual().name("order-" + orderId).unstarted(() -> execute(claimed));
        running.put(orderId, execution);
        execution.start();
        return true;
    }

    private void execute(OrderClaims.Claimed claimed) {
        String orderId = claimed.order().id();
        Claim claim = new Claim(owner, events, claimed.order());
        Duration rest = null;
        // The execution continues the trace of the submit that queued the order, whichever process took it.
        Traced span = Traced.resumed("execute order", claimed.traceparent()).attribute(Traced.ORDER_ID, orderId)
                .attribute("orderstream.order.delivery", claimed.deliveries());
        OrderLog.Context logged = OrderLog.context(orderId, claimed.order().owner());
        try {
            if (claimed.deliveries() > 1) {
                LOG.info("Took over order " + orderId + " (delivery " + claimed.deliveries() + ")");
            }
            if (claimed.deliveries() > settings.maxDeliveries()) {
                executor.abandon(claim, "Abandoned after " + settings.maxDeliveries()
                        + " deliveries that did not finish");
            } else {
                executor.execute(claim);
            }
        } catch (InterruptedException e) {
            // The worker is stopping (close gives every claim back) or the claim was lost: another
            // execution resumes the order from its last step. No database call on this interrupted
            // thread: H2 closes a file channel that an interrupted thread touches.
            LOG.fine(() -> "Execution of order " + orderId + " interrupted");
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Order " + orderId + " failed unexpectedly; released to run again", e);
            span.fail(e);
            rest = FAILURE_REST;
        } finally {
            logged.close();
            span.close();
            // Off the running set before the release, so a claim of the released order starts it.
            running.remove(orderId);
            // An interrupted thread (an interrupted DEX lookup ends in a RuntimeException) leaves
            // the release to close or to the claim's lapse, for the reason above.
            if (rest != null && !Thread.currentThread().isInterrupted()) {
                releaseQuietly(orderId, rest);
            }
            slots.release();
            if (draining) {
                synchronized (executionEnded) {
                    executionEnded.notifyAll();
                }
            }
        }
    }

    private void releaseQuietly(String orderId, Duration rest) {
        try {
            claims.release(owner, orderId, rest);
        } catch (RuntimeException e) {
            // The claim lapses by itself after its length; the order is taken back then.
            LOG.log(Level.WARNING, "Order " + orderId + " not released; it runs again once its claim lapses", e);
        }
    }

    private static void sleepQuietly(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Stops claiming and waits up to {@code grace} for the executions in flight to end on their
     * own, their claims still renewed; then {@link #close() closes}: what still runs is
     * interrupted and handed back, to resume elsewhere from its last stored step.
     * <p>
     * The dispatcher is not interrupted: it notices within a poll interval. An interrupt that
     * lands inside a database call would close H2's file under the executions still writing.
     *
     * @param grace longest wait for the executions in flight
     * @return how many executions were still running when the grace ran out, and were handed back
     */
    public int drain(Duration grace) {
        long deadline = System.nanoTime() + grace.toNanos();
        draining = true;
        Thread claiming;
        synchronized (this) {
            claiming = dispatcher;
        }
        try {
            if (claiming != null) {
                claiming.join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            }
            synchronized (executionEnded) {
                long left = deadline - System.nanoTime();
                while (!running.isEmpty() && left > 0) {
                    TimeUnit.NANOSECONDS.timedWait(executionEnded, left);
                    left = deadline - System.nanoTime();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        int handedBack = running.size();
        close();
        return handedBack;
    }

    /**
     * Stops claiming, interrupts the executions (they resume elsewhere from their last step)
     * and releases every claim of this worker.
     */
    @Override
    public synchronized void close() {
        if (dispatcher == null) {
            return;
        }
        dispatcher.interrupt();
        try {
            // The dispatcher first, so no execution starts after the others were interrupted.
            dispatcher.join(Duration.ofSeconds(5));
            running.values().forEach(Thread::interrupt);
            for (Thread execution : List.copyOf(running.values())) {
                execution.join(Duration.ofSeconds(5));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        heartbeat.close();
        try {
            claims.releaseAll(owner);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Claims not released; they lapse within " + settings.claimLength(), e);
        }
        dispatcher = null;
    }
}
