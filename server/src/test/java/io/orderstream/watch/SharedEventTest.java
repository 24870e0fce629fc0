package io.orderstream.watch;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import io.orderstream.order.EventDetails;
import io.orderstream.order.OrderEvent;
import io.orderstream.order.OrderStatus;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.sameInstance;

/**
 * A thousand watchers woken by one event all ask for its wire form at once: each face encodes it
 * once, and every watcher of that face gets the very same form.
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
}
