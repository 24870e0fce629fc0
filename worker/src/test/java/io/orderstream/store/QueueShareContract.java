package io.orderstream.store;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.Optional;

import io.orderstream.error.QueueFullException;
import io.orderstream.order.EventDetails;
import io.orderstream.order.OrderRequest;
import io.orderstream.order.OrderStatus;
import io.orderstream.testing.TestDatabases;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A submitter's share of the order queue, on every database: past it the submitter's orders are
 * refused and nothing is stored, while other submitters still get in; it frees as the
 * submitter's orders end; the queue's own capacity still bounds everyone.
 */
abstract class QueueShareContract {
    private final TestDatabases databases;
    private Database database;
    private OrderStore store;

    /**
     * The contract on one kind of database.
     *
     * @param databases where the database of each test class, or of each test, comes from
     */
    protected QueueShareContract(TestDatabases databases) {
        this.databases = databases;
    }

    @BeforeEach
    void open() {
        database = databases.open();
        store = new OrderStore(database, Clock.systemUTC(), 10);
    }

    @AfterEach
    void close() {
        databases.close(database);
    }

    @Test
    void aSubmitterPastItsShareIsRefusedWhileOthersGetIn() {
        QueueShare alice = new QueueShare("subject:alice", 2);
        String first = create(alice, Optional.empty());
        create(alice, Optional.of("kept"));
        long stored = orderCount();

        QueueShareExceededException refused = assertThrows(QueueShareExceededException.class,
                                                           () -> create(alice, Optional.empty()));
        assertEquals(alice, refused.share());
        assertEquals(stored, orderCount(), "a refused order stores nothing");
        OrderStore.Creation again = store.create("alice", alice, request(Optional.of("kept")), "queued",
                                                 Optional.empty());
        assertFalse(again.created(), "a retry of an accepted order is answered with it, share full or not");

        create(new QueueShare("subject:bob", 2), Optional.empty());
        create(new QueueShare("address:192.0.2.7", 2), Optional.empty());

        store.append(first, OrderStatus.CANCELLED, 0, "Cancelled",
                     EventDetails.builder().failureReason("asked").build()).orElseThrow();
        assertTrue(store.create("alice", alice, request(Optional.empty()), "queued", Optional.empty()).created(),
                   "an ended order frees its place in the share");
        assertThrows(QueueShareExceededException.class, () -> create(alice, Optional.empty()));
    }

    @Test
    void theQueuesCapacityBoundsEveryoneWhateverTheirShare() {
        for (int i = 0; i < 10; i++) {
            create(new QueueShare("subject:s" + i, 5), Optional.empty());
        }
        assertThrows(QueueFullException.class, () -> create(new QueueShare("subject:new", 5), Optional.empty()));
        assertThrows(QueueFullException.class, () -> create(QueueShare.unlimited("subject:new"), Optional.empty()));
    }

    @Test
    void anUnlimitedSubmitterIsBoundByTheQueueAlone() {
        for (int i = 0; i < 10; i++) {
            create(QueueShare.unlimited("address:127.0.0.1"), Optional.empty());
        }
        assertThrows(QueueFullException.class, () -> create(QueueShare.unlimited("address:127.0.0.1"),
                                                            Optional.empty()));
    }

    private String create(QueueShare share, Optional<String> key) {
        return store.create("alice", share, request(key), "queued", Optional.empty()).order().id();
    }

    private long orderCount() {
        return database.jdbc().autoCommit(connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT COUNT(*) FROM orders");
                 ResultSet row = query.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        });
    }

    private static OrderRequest request(Optional<String> key) {
        return new OrderRequest("SOL", "USDC", BigDecimal.ONE, BigDecimal.ONE, key);
    }
}
