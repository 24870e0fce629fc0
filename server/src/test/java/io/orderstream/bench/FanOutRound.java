package io.orderstream.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One round of the fan-out mode: submit one order, attach every watcher to it while it waits on
 * the slowed DEXs, follow it to its end at every watcher, and work out the figures. Bounded: the
 * watchers have {@link #ATTACH_LIMIT} to attach and the order {@link #LIMIT} to end, both from
 * the submit; every watcher is closed when the round ends, however it ends.
 */
final class FanOutRound {
    /** Longest time from the submit until every watcher is attached. */
    static final Duration ATTACH_LIMIT = Duration.ofSeconds(30);
    /** Longest round, from the submit: the order's life on the slowed DEXs, with room to spare. */
    static final Duration LIMIT = FanOutTrial.ORDER_LIFE.plusSeconds(25);
    // Handshakes in flight at once: a client opening thousands of sockets paces itself, or the
    // gateway's accept backlog overflows and handshakes time out.
    private static final int ATTACHING_AT_ONCE = 200;

    private final FanOutClient client;
    private final int watchers;
    private final Consumer<String> progress;
    private final List<Watcher<?>> started = new ArrayList<>();
    private long submitted;

    private FanOutRound(FanOutClient client, int watchers, Consumer<String> progress) {
        this.client = client;
        this.watchers = watchers;
        this.progress = progress;
    }

    /**
     * Runs a round.
     *
     * @param client   the client that submits and watches
     * @param watchers how many watchers
     * @param progress where to say what is happening
     * @return the round's figures
     * @throws IOException          when the order could not be submitted
     * @throws InterruptedException when the run is being stopped
     */
    static RoundFigures run(FanOutClient client, int watchers, Consumer<String> progress)
            throws IOException, InterruptedException {
        FanOutRound round = new FanOutRound(client, watchers, progress);
        try {
            round.attach();
            // The order's first measured event is still seconds away: a collection now keeps this
            // JVM's own pauses out of the receipts, which are the client's and not the gateway's.
            System.gc();
            round.awaitEnd();
            return round.figures();
        } finally {
            round.close();
        }
    }

    /**
     * A round that is not measured, to bring the client and the gateways' watch paths up to speed
     * (a fresh JVM attaches and receives several times slower): the watchers attach to an order,
     * which is then cancelled, so that they see its end at once instead of after its DEX delays.
     *
     * @param client   the client that submits and watches
     * @param watchers how many watchers
     * @param progress where to say what is happening
     * @throws IOException          when the order could not be submitted or cancelled
     * @throws InterruptedException when the run is being stopped
     */
    static void warmUp(FanOutClient client, int watchers, Consumer<String> progress)
            throws IOException, InterruptedException {
        FanOutRound round = new FanOutRound(client, watchers, progress);
        try {
            String orderId = round.attach();
            // Should the cancel come too late (the order already sent to a DEX), the order runs to
            // its end: the wait below still lets it finish before the first measured round.
            try {
                client.cancel(orderId);
            } finally {
                round.awaitEnd();
            }
            long ended = round.started.stream().filter(watcher -> watcher.ended().isDone()).count();
            progress.accept(String.format(Locale.ROOT, "%d of %d watchers saw the order's end %.0f ms after the"
                    + " submit", ended, watchers, (System.nanoTime() - round.submitted) / 1e6));
        } finally {
            round.close();
        }
    }

    /** Submits the order and attaches the watchers, a bounded number at a time; says the order's id. */
    private String attach() throws IOException, InterruptedException {
        submitted = System.nanoTime();
        String orderId = client.submit();
        long deadline = submitted + ATTACH_LIMIT.toNanos();
        Semaphore attaching = new Semaphore(ATTACHING_AT_ONCE);
        for (int n = 0; n < watchers; n++) {
            if (!attaching.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                break;
            }
            Watcher<?> watcher = client.watch(orderId, n);
            started.add(watcher);
            watcher.attached().whenComplete((done, failure) -> attaching.release());
        }
        awaitAll(Watcher::attached, deadline);
        long attached = started.stream().filter(Watcher::isAttached).count();
        progress.accept(String.format(Locale.ROOT, "order %s: %d of %d watchers attached %.0f ms after the submit",
                                      orderId, attached, watchers, (System.nanoTime() - submitted) / 1e6));
        return orderId;
    }

    private void awaitEnd() throws InterruptedException {
        awaitAll(Watcher::ended, submitted + LIMIT.toNanos());
    }

    private RoundFigures figures() {
        List<WatcherLog> logs = new ArrayList<>(watchers);
        String unattached = "not attached within " + ATTACH_LIMIT.toSeconds() + " s of the submit";
        String unended = "watch still open " + LIMIT.toSeconds() + " s after the submit";
        started.forEach(watcher -> logs.add(watcher.log(unattached, unended)));
        while (logs.size() < watchers) {
            logs.add(new WatcherLog(OptionalLong.empty(), List.of(), "not started within "
                    + ATTACH_LIMIT.toSeconds() + " s of the submit"));
        }
        return RoundFigures.of(submitted, logs);
    }

    private void close() {
        started.forEach(Watcher::close);
    }

    /** Waits until each watcher's future is done or the deadline passes. */
    private void awaitAll(Function<Watcher<?>, CompletableFuture<Void>> future, long deadline)
            throws InterruptedException {
        for (Watcher<?> watcher : started) {
            try {
                future.apply(watcher).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                return;
            } catch (ExecutionException e) {
                // Watchers' futures complete normally; how a watch ended is in its log.
            }
        }
    }
}
