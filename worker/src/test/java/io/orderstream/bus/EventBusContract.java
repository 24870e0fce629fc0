package io.orderstream.bus;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.orderstream.order.EventDetails;
import io.orderstream.order.OrderEvent;
import io.orderstream.order.OrderStatus;
import io.orderstream.order.Quote;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * What every {@link EventBus} adapter promises. Events are published on one side (a worker) and
 * watched on the other (a gateway); subclasses say which buses those are.
 */
abstract class EventBusContract {
    /** Longest wait for an event that should come. */
    static final Duration ARRIVAL = Duration.ofSeconds(5);
    /** How long to listen for an event that should not come. */
    static final Duration SILENCE = Duration.ofMillis(400);

    private final List<EventBus.Subscription> subscriptions = new ArrayList<>();
    private Buses buses;

    /**
     * Opens the buses of one test.
     *
     * @return the publishing and the watching side
     */
    protected abstract Buses openBuses();

    /**
     * Closes what {@link #openBuses()} opened.
     *
     * @param buses the buses
     */
    protected abstract void closeBuses(Buses buses);

    @BeforeEach
    void open() {
        buses = openBuses();
    }

    @AfterEach
    void close() {
        subscriptions.forEach(EventBus.Subscription::close);
        closeBuses(buses);
    }

    @Test
    void watcherGetsTheEventsOfItsOrderOnlyInPublishOrder() throws InterruptedException {
        BlockingQueue<OrderEvent> first = new LinkedBlockingQueue<>();
        BlockingQueue<OrderEvent> second = new LinkedBlockingQueue<>();
        watch("first", first);
        watch("second", second);
        List<OrderEvent> firstSent = new ArrayList<>();
        List<OrderEvent> secondSent = new ArrayList<>();

        for (int seq = 1; seq <= 20; seq++) {
            OrderEvent a = event("first", seq);
            OrderEvent b = event("second", seq);
            OrderEvent unwatched = event("nobody", seq);
            buses.publisher().publish(a);
            buses.publisher().publish(unwatched);
            buses.publisher().publish(b);
            firstSent.add(a);
            secondSent.add(b);
        }

        assertEquals(firstSent, receive(first, firstSent.size()));
        assertEquals(secondSent, receive(second, secondSent.size()));
        assertNull(first.poll(SILENCE.toMillis(), TimeUnit.MILLISECONDS), "no event of another order");
    }

    @Test
    void closingASubscriptionStopsItsDelivery() throws InterruptedException {
        BlockingQueue<OrderEvent> closing = new LinkedBlockingQueue<>();
        BlockingQueue<OrderEvent> staying = new LinkedBlockingQueue<>();
        EventBus.Subscription toClose = watch("shared", closing);
        watch("shared", staying);
        buses.publisher().publish(event("shared", 1));
        assertEquals(1, receive(closing, 1).getFirst().seq());
        assertEquals(1, receive(staying, 1).getFirst().seq());

        toClose.close();
        buses.publisher().publish(event("shared", 2));

        assertEquals(2, receive(staying, 1).getFirst().seq(), "the other watcher of the order still gets events");
        assertNull(closing.poll(SILENCE.toMillis(), TimeUnit.MILLISECONDS), "no event after close");
    }

    @Test
    void aListenerMayCloseItsOwnSubscriptionAtOnce() throws InterruptedException {
        BlockingQueue<OrderEvent> received = new LinkedBlockingQueue<>();
        BlockingQueue<Duration> closing = new LinkedBlockingQueue<>();
        AtomicReference<EventBus.Subscription> self = new AtomicReference<>();
        // As a watcher does after an order's terminal event, on the bus's delivery thread.
        self.set(buses.watcher().subscribe("ending", event -> {
            received.add(event);
            long start = System.nanoTime();
            self.get().close();
            closing.add(Duration.ofNanos(System.nanoTime() - start));
        }));

        buses.publisher().publish(event("ending", 1));
        buses.publisher().publish(event("ending", 2));

        assertEquals(1, receive(received, 1).getFirst().seq());
        Duration took = closing.poll(ARRIVAL.toMillis(), TimeUnit.MILLISECONDS);
        // Well under the one-second Redis timeout it would take if it waited for Redis.
        assertTrue(took != null && took.compareTo(Duration.ofMillis(500)) < 0, "close took " + took);
        assertNull(received.poll(SILENCE.toMillis(), TimeUnit.MILLISECONDS), "no event after close");
    }

    @Test
    void publishingWithoutWatchersIsHarmless() {
        buses.publisher().publish(event("unwatched", 1));
    }

    /**
     * The buses of the running test.
     *
     * @return buses
     */
    protected Buses buses() {
        return buses;
    }

    /**
     * Watches an order on the watching side until the test ends.
     *
     * @param orderId the order
     * @param into    where its events go
     * @return the subscription
     */
    protected EventBus.Subscription watch(String orderId, BlockingQueue<OrderEvent> into) {
        EventBus.Subscription subscription = buses.watcher().subscribe(orderId, into::add);
        subscriptions.add(subscription);
        return subscription;
    }

    /**
     * An event with every kind of detail, so that encoding is tested too.
     *
     * @param orderId the order
     * @param seq     its seq
     * @return the event
     */
    static OrderEvent event(String orderId, long seq) {
        EventDetails details = EventDetails.builder()
                .quotes(List.of(new Quote("raydium", new BigDecimal("149.250000001"), 25, new BigDecimal("1.50")),
                                new Quote("meteora", new BigDecimal("150.1"), 20, new BigDecimal("1.497"))))
                .chosenDex("raydium")
                .attempt((int) seq, 3)
                .amountOut(new BigDecimal("0.000000001"))
                .failureReason("line one\n\"quoted\" ünïcode")
                .build();
        return new OrderEvent(orderId, seq, OrderStatus.ROUTING, (int) Math.min(seq, 100), "step " + seq,
                              Instant.parse("2026-01-02T03:04:05.123456789Z").plusSeconds(seq), details);
    }

    /**
     * Waits for a number of events.
     *
     * @param from  where they arrive
     * @param count how many
     * @return them, in arrival order
     * @throws InterruptedException when interrupted
     */
    static List<OrderEvent> receive(BlockingQueue<OrderEvent> from, int count) throws InterruptedException {
        List<OrderEvent> received = new ArrayList<>();
        long deadline = System.nanoTime() + ARRIVAL.toNanos();
        while (received.size() < count) {
            OrderEvent event = from.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (event == null) {
                fail("Got " + received.size() + " of " + count + " events within " + ARRIVAL + ": " + received);
            }
            received.add(event);
        }
        return received;
    }

    /**
     * The two sides of a bus.
     *
     * @param publisher where a worker publishes
     * @param watcher   where a gateway subscribes
     */
    protected record Buses(EventBus publisher, EventBus watcher) {
    }
}
