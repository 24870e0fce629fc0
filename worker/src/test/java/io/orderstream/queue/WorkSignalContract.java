package io.orderstream.queue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a work signal promises, whichever adapter carries it: a waiting worker is woken by an
 * announcement made on the gateway's side, many announcements wake it once, and a wait with
 * nothing announced ends after its timeout.
 */
abstract class WorkSignalContract {
    private static final Duration LONG = Duration.ofSeconds(5);
    private static final Duration SHORT = Duration.ofMillis(200);

    /**
     * A pair of signals as a gateway and a worker would hold them: separate clients where the
     * adapter has clients, the same object where it has not.
     *
     * @return gateway side first, worker side second
     */
    protected abstract WorkSignal[] openPair();

    @Test
    void aWaitingWorkerIsWokenByAnAnnouncement() throws Exception {
        WorkSignal[] pair = openPair();
        try (WorkSignal gateway = pair[0]; WorkSignal worker = pair[1]) {
            subscribe(worker);
            CompletableFuture<Boolean> woken = CompletableFuture.supplyAsync(() -> awaitQuietly(worker, LONG));
            Thread.sleep(50);
            gateway.announce();
            assertTrue(woken.get(LONG.toMillis() * 2, TimeUnit.MILLISECONDS), "woken before the timeout");
        }
    }

    @Test
    void manyAnnouncementsWakeOnceAndAQuietWaitTimesOut() throws Exception {
        WorkSignal[] pair = openPair();
        try (WorkSignal gateway = pair[0]; WorkSignal worker = pair[1]) {
            subscribe(worker);
            for (int i = 0; i < 100; i++) {
                gateway.announce();
            }
            assertTrue(worker.await(LONG), "the announcements reach the worker");
            // Coalesced announcements may still be arriving: far fewer wake-ups than announcements.
            int wakeUps = 1;
            while (worker.await(SHORT)) {
                wakeUps++;
            }
            assertTrue(wakeUps < 50, "100 announcements woke the worker " + wakeUps + " times");
            long start = System.nanoTime();
            assertFalse(worker.await(SHORT), "nothing more was announced");
            assertTrue(System.nanoTime() - start >= SHORT.toNanos() * 9 / 10, "waited the timeout");
        }
    }

    /** Makes sure the worker side listens before the test announces. */
    private static void subscribe(WorkSignal worker) throws InterruptedException {
        worker.await(Duration.ofMillis(1));
    }

    private static boolean awaitQuietly(WorkSignal signal, Duration timeout) {
        try {
            return signal.await(timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
