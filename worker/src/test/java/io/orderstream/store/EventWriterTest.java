package io.orderstream.store;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.orderstream.order.EventDetails;
import io.orderstream.order.Order;
import io.orderstream.order.OrderEvent;
import io.orderstream.order.OrderRequest;
import io.orderstream.order.OrderStatus;
import io.orderstream.testing.TestH2;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A bus that does not answer (Redis down) holds up no step: publishing waits on its own thread. */
class EventWriterTest {
    private static final List<OrderStatus> STEPS = List.of(OrderStatus.ROUTING, OrderStatus.ROUTING,
                                                           OrderStatus.BUILDING, OrderStatus.BUILDING,
                                                           OrderStatus.SUBMITTED, OrderStatus.CONFIRMED);

    @Test
    void stepsAreStoredWhileTheBusHangsAndPublishedInOrderOnceItAnswers() throws Exception {
        CountDownLatch busAnswers = new CountDownLatch(1);
        List<OrderEvent> published = new CopyOnWriteArrayList<>();
        try (Database database = TestH2.open("writer")) {
            OrderStore store = new OrderStore(database, Clock.systemUTC(), 10);
            OrderClaims claims = new OrderClaims(database, Clock.systemUTC());
            String orderId = store.create(new OrderRequest("SOL", "USDC", BigDecimal.ONE, BigDecimal.ONE,
                                                          Optional.empty()), "queued").order().id();
            Order order = claims.claim("worker", 1, Duration.ofMinutes(1)).getFirst().order();
            try (EventWriter writer = new EventWriter(database, Clock.systemUTC(), 1, 16, batch -> {
                awaitQuietly(busAnswers);
                published.addAll(batch);
            })) {
                long seq = order.lastSeq();
                for (OrderStatus status : STEPS) {
                    EventDetails details = status == OrderStatus.CONFIRMED
                            ? EventDetails.builder().amountOut(BigDecimal.TEN).build()
                            : EventDetails.NONE;
                    OrderEvent stored = writer.append(new EventWriter.Step(orderId, "worker", seq, status, 50,
                                                                           status.wireName(), details))
                            .get(10, TimeUnit.SECONDS)
                            .orElseThrow();
                    seq = stored.seq();
                }
                assertEquals(OrderStatus.CONFIRMED, store.find(orderId).orElseThrow().status());
                assertTrue(published.isEmpty(), "every step stored while the bus still hung");

                busAnswers.countDown();
            }
            // Closing the writer published what was waiting.
            assertEquals(store.eventsAfter(orderId, 1), published, "published in seq order once the bus answered");
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
