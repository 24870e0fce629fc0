package io.orderstream.engine;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import io.orderstream.order.OrderRequest;
import io.orderstream.queue.InProcessOrderQueue;
import io.orderstream.queue.OrderQueue;
import io.orderstream.store.Database;
import io.orderstream.store.OrderStore;
import io.orderstream.testing.TestH2;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/**
 * Orders that nothing moves are queued again; an order a live execution holds is left alone.
 */
class StaleOrderSweeperTest {
    private Database database;
    private OrderStore store;

    @BeforeEach
    void openDatabase() {
        database = TestH2.open("sweep");
        store = new OrderStore(database, Clock.systemUTC());
    }

    @AfterEach
    void closeDatabase() {
        database.close();
    }

    @Test
    void anOrderStoredButNeverQueuedIsQueuedAgain() throws Exception {
        String forgotten = create();
        String held = create();
        assertThat(store.takeLease(held, "live-execution", Duration.ofMinutes(1)), is(true));

        try (OrderQueue queue = new InProcessOrderQueue(10);
                StaleOrderSweeper ignored = new StaleOrderSweeper(store, queue, Duration.ofMillis(50), Duration.ZERO)) {
            Optional<OrderQueue.Delivery> delivery = queue.poll(Duration.ofSeconds(5));
            assertThat(delivery.map(OrderQueue.Delivery::orderId), is(Optional.of(forgotten)));
            // Swept again and again while nobody executes it, but never the held one.
            for (int i = 0; i < 3; i++) {
                assertThat(queue.poll(Duration.ofSeconds(5)).map(OrderQueue.Delivery::orderId),
                           is(Optional.of(forgotten)));
            }
        }
    }

    private String create() {
        return store.create(new OrderRequest("SOL", "USDC", BigDecimal.ONE, BigDecimal.ONE, Optional.empty()),
                            "queued").order().id();
    }
}
