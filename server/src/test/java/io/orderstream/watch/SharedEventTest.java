package io.orderstream.watch;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.orderstream.order.EventDetails;
import io.orderstream.order.OrderEvent;
import io.orderstream.order.OrderStatus;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.sameInstance;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A thousand watchers woken by one event all ask for its wire form at once: each face encodes it
 * once, and every watcher of that face gets the very same form. A failed encoding is not kept, and
 * a watcher's interrupt survives the wait.
 */
class SharedEventTest {
    private static final int WATCHERS = 1000;
    private static final OrderEvent EVENT = new OrderEvent("0b6f3c1e-8d6a-4b7e-9a51-3f2d7c9e1a00", 2,
                                                           OrderStatus.ROUTING, 20, "comparing quotes",
                                                           Instant.parse("2026-01-01T00:00:00Z"), EventDetails.NONE);

    @Test
    void eachFaceEncodesOnceForAThousandWatchersAskingAtOnce() throws Exception {
        SharedEvent shared = new SharedEvent(EVENT);
        AtomicInteger textEncodings = new AtomicInteger();
        AtomicInteger binaryEncodings = new AtomicInteger();
        SharedEvent.Encoding<String> text = event -> {
            textEncodings.incrementAndGet();
            return "{\"seq\":" + event.seq() + "}";
        };
        SharedEvent.Encoding<byte[]> binary = event -> {
            binaryEncodings.incrementAndGet();
            return new byte[] {(byte) event.seq()};
        };
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Object>> forms = new ArrayList<>();
        try (ExecutorService watchers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < WATCHERS; i++) {
                SharedEvent.Encoding<?> face = i % 2 == 0 ? text : binary;
                forms.add(watchers.submit(() -> {
                    go.await();
                    return shared.encoded(face);
                }));
            }
            go.countDown();
        }

        assertThat(textEncodings.get(), is(1));
        assertThat(binaryEncodings.get(), is(1));
        for (int i = 2; i < WATCHERS; i++) {
            assertThat(forms.get(i).get(), sameInstance(forms.get(i % 2).get()));
        }
        assertThat(forms.get(0).get(), is("{\"seq\":2}"));
    }

    @Test
    void aFailedEncodingReachesItsCallerAndTheNextCallerEncodesAgain() {
        SharedEvent shared = new SharedEvent(EVENT);
        AtomicInteger attempts = new AtomicInteger();
        SharedEvent.Encoding<String> flaky = event -> {
            if (attempts.incrementAndGet() == 1) {
                throw new IllegalArgumentException("no room");
            }
            return "seq " + event.seq();
        };

        IllegalStateException failed = assertThrows(IllegalStateException.class, () -> shared.encoded(flaky));
        assertThat(failed.getCause().getMessage(), is("no room"));
        assertThat(shared.encoded(flaky), is("seq 2"));
        assertThat(shared.encoded(flaky), is("seq 2"));
        assertThat(attempts.get(), is(2));
    }

    @Test
    void anInterruptedWatcherGetsTheFormAndKeepsItsInterrupt() throws Exception {
        SharedEvent shared = new SharedEvent(EVENT);
        CountDownLatch encoding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        SharedEvent.Encoding<String> slow = event -> {
            encoding.countDown();
            awaitOrFail(release);
            return "seq " + event.seq();
        };
        Thread first = Thread.ofVirtual().start(() -> shared.encoded(slow));
        encoding.await();
        AtomicReference<String> form = new AtomicReference<>();
        AtomicBoolean interruptKept = new AtomicBoolean();
        Thread waiter = Thread.ofVirtual().start(() -> {
            Thread.currentThread().interrupt();
            form.set(shared.encoded(slow));
            interruptKept.set(Thread.currentThread().isInterrupted());
        });
        // Parked in the wait (FutureTask parks a waiter once the interrupt it came with is handled).
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (waiter.getState() != Thread.State.WAITING) {
            assertThat("the second watcher waits for the first one's encoding", System.nanoTime() < deadline, is(true));
            Thread.sleep(1);
        }
        release.countDown();
        first.join();
        waiter.join();

        assertThat(form.get(), is("seq 2"));
        assertThat(interruptKept.get(), is(true));
    }

    private static void awaitOrFail(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
