package io.orderstream.bench;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;

import com.sun.management.OperatingSystemMXBean;

/**
 * Closed-loop load: a fixed number of users, each on a virtual thread, each submitting an order,
 * watching it to its end and at once submitting the next. The first orders warm the servers
 * and the client up; the measurement window opens when they have ended and lasts the given
 * duration. Orders submitted in the window are then left to end (bounded by the client's
 * limits) so that each is counted once as confirmed, failed, late or an error.
 */
final class ClosedLoop {
    /** Longest warm-up; a warm-up that has not ended by then is noted and the measurement starts anyway. */
    static final Duration WARMUP_LIMIT = Duration.ofSeconds(120);
    /** Longest wait for the orders of the window to end: every order is bounded by the client's limits. */
    static final Duration DRAIN_LIMIT = OrderClient.SUBMIT_LIMIT.plus(OrderClient.TERMINAL_LIMIT).plusSeconds(5);
    // A refused order ends at once; without a pause a dead server would turn each user into a busy loop.
    private static final Duration ERROR_PAUSE = Duration.ofMillis(100);

    // The client shares the machine with the servers: how much of it the client took is part of the result.
    private static final OperatingSystemMXBean CLIENT_CPU =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private final OrderClient client;
    private final Queue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
    private final AtomicInteger numbers = new AtomicInteger();
    private final CountDownLatch warmedUp;
    private volatile boolean stopping;

    private ClosedLoop(OrderClient client, int warmup) {
        this.client = client;
        this.warmedUp = new CountDownLatch(warmup);
    }

    /**
     * Runs the load.
     *
     * @param client   the client to run orders through
     * @param options  concurrency, warm-up orders and window length
     * @param progress  where to say what is happening
     * @param serverCpu CPU time the servers have used so far, by role, read as the window opens and closes
     * @return what happened in the window
     * @throws InterruptedException when the run is being stopped
     */
    static Measurement run(OrderClient client, BenchOptions options, Consumer<String> progress,
                           Supplier<Map<String, Long>> serverCpu) throws InterruptedException {
        return new ClosedLoop(client, options.warmup()).measure(options, progress, serverCpu);
    }

    private Measurement measure(BenchOptions options, Consumer<String> progress, Supplier<Map<String, Long>> serverCpu)
            throws InterruptedException {
        List<String> notes = new ArrayList<>();
        List<Thread> users = new ArrayList<>();
        progress.accept("warm-up, " + options.warmup() + " orders");
        for (int i = 0; i < options.concurrency(); i++) {
            users.add(Thread.ofVirtual().name("user-" + i).start(this::user));
        }
        try {
            if (!warmedUp.await(WARMUP_LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
                notes.add("warm-up stopped after " + WARMUP_LIMIT.toSeconds() + " s with "
                                  + (options.warmup() - warmedUp.getCount()) + " of " + options.warmup()
                                  + " orders ended");
            }
            progress.accept("measuring " + options.duration().toSeconds() + " s");
            Map<String, Long> serversBefore = serverCpu.get();
            long cpuBefore = CLIENT_CPU.getProcessCpuTime();
            long start = System.nanoTime();
            Thread.sleep(options.duration());
            long end = System.nanoTime();
            long clientCpu = CLIENT_CPU.getProcessCpuTime() - cpuBefore;
            Map<String, Long> serversUsed = new LinkedHashMap<>();
            serverCpu.get().forEach((role, nanos) ->
                    serversUsed.put(role, nanos - serversBefore.getOrDefault(role, 0L)));
            stopping = true;
            int busy = drain(users);
            if (busy > 0) {
                notes.add(busy + " users still waiting " + DRAIN_LIMIT.toSeconds() + " s after the window;"
                                  + " their orders are not counted");
            }
            return new Measurement(start, end, clientCpu, serversUsed, List.copyOf(outcomes), notes);
        } finally {
            stopping = true;
            users.forEach(Thread::interrupt);
        }
    }

    private void user() {
        try {
            while (!stopping) {
                Outcome outcome;
                try {
                    outcome = client.execute(numbers.getAndIncrement());
                } catch (RuntimeException e) {
                    // A client bug must not end a user quietly: it is counted like any other error.
                    outcome = Outcome.error(System.nanoTime(), "client: " + Outcome.describe(e));
                }
                outcomes.add(outcome);
                warmedUp.countDown();
                if (outcome.kind() == Outcome.Kind.ERROR) {
                    Thread.sleep(ERROR_PAUSE);
                }
            }
        } catch (InterruptedException e) {
            // Stopped: the order in hand is not counted, and the user ends.
        }
    }

    private static int drain(List<Thread> users) throws InterruptedException {
        long deadline = System.nanoTime() + DRAIN_LIMIT.toNanos();
        int busy = 0;
        for (Thread user : users) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || !user.join(Duration.ofNanos(left))) {
                busy++;
            }
        }
        return busy;
    }
}
