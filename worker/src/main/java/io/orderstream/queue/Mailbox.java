package io.orderstream.queue;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/** Holds at most one announcement until a worker takes it: any number of them is one wake-up. */
final class Mailbox {
    private final BlockingQueue<Boolean> slot = new ArrayBlockingQueue<>(1);

    void post() {
        // Full means a wake-up is already waiting; one is enough.
        slot.offer(Boolean.TRUE);
    }

    boolean take(Duration timeout) throws InterruptedException {
        return slot.poll(timeout.toNanos(), TimeUnit.NANOSECONDS) != null;
    }
}
