package io.orderstream.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.orderstream.error.StoreUnavailableException;
import io.orderstream.order.Order;

/**
 * The order queue in the database, and who executes what: one row per unfinished order
 * ({@code order_queue}), claimed by a worker for a while and kept by its heartbeat.
 * <p>
 * This is the one mechanism that decides who runs an order. A claim takes claimable rows with
 * {@code FOR UPDATE SKIP LOCKED}, so concurrent workers never take the same row; it holds until
 * {@code available_ms}, which the holder's heartbeat moves forward. A worker that dies stops
 * heartbeating and its claims lapse: the next claim of any worker takes those orders back.
 * Rows are inserted with their order ({@link OrderStore#create}) and deleted with its terminal
 * event, so the queue never holds more than the unfinished orders.
 * Thread-safe: all state is in the database.
 */
public final class OrderClaims {
    private final Jdbc jdbc;
    private final Dialect dialect;
    private final Clock clock;

    /**
     * Creates the claims over an open database.
     *
     * @param database the database
     * @param clock    the clock claims are timed by; every worker's should agree within seconds
     */
    public OrderClaims(Database database, Clock clock) {
        this.jdbc = database.jdbc();
        this.dialect = database.dialect();
        this.clock = clock;
    }

    /**
     * Claims up to {@code max} orders for {@code owner}, those waiting longest first: new ones,
     * released ones, and those whose claim lapsed. Each claim counts one more delivery.
     *
     * @param owner  the worker claiming, unique to its process
     * @param max    most orders to take
     * @param length how long the claims hold without a heartbeat
     * @return the orders claimed, possibly none
     * @throws StoreUnavailableException when the database failed; nothing was claimed, or (the
     *                                   connection lost after PostgreSQL ran the claim) what was
     *                                   claimed unseen lapses after {@code length} like a dead
     *                                   worker's claim
     */
    public List<Claimed> claim(String owner, int max, Duration length) {
        long now = clock.millis();
        long until = now + length.toMillis();
        return switch (dialect) {
            case POSTGRESQL -> jdbc.autoCommit(connection -> claimAndRead(connection, owner, until, now, max));
            case H2 -> jdbc.inTransaction(connection -> {
                Map<String, Queued> queued = lockThenClaim(connection, owner, until, now, max);
                if (queued.isEmpty()) {
                    return List.of();
                }
                List<Claimed> claimed = new ArrayList<>();
                try (PreparedStatement read = connection.prepareStatement(ClaimStatements.ORDERS)) {
                    IdArray.bind(read, 1, queued.keySet());
                    for (Order order : Rows.orders(read)) {
                        Queued row = queued.get(order.id());
                        claimed.add(new Claimed(order, row.deliveries(), row.traceparent()));
                    }
                }
                return claimed;
            });
        };
    }

    private static List<Claimed> claimAndRead(Connection connection, String owner, long until, long now, int max)
            throws SQLException {
        try (PreparedStatement claim = connection.prepareStatement(ClaimStatements.CLAIM_AND_READ)) {
            claim.setString(1, owner);
            claim.setLong(2, until);
            claim.setLong(3, now);
            claim.setInt(4, max);
            List<Claimed> claimed = new ArrayList<>();
            try (ResultSet rows = claim.executeQuery()) {
                while (rows.next()) {
                    claimed.add(new Claimed(Rows.order(rows), rows.getInt("claim_deliveries"),
                                            Optional.ofNullable(rows.getString("claim_traceparent"))));
                }
            }
            return claimed;
        }
    }

    private static Map<String, Queued> lockThenClaim(Connection connection, String owner, long until, long now,
                                                      int max) throws SQLException {
        List<String> locked = new ArrayList<>();
        try (PreparedStatement lock = connection.prepareStatement(ClaimStatements.CLAIMABLE)) {
            lock.setLong(1, now);
            lock.setInt(2, max);
            try (ResultSet rows = lock.executeQuery()) {
                while (rows.next()) {
                    locked.add(rows.getString("order_id"));
                }
            }
        }
        if (locked.isEmpty()) {
            return Map.of();
        }
        try (PreparedStatement claim = connection.prepareStatement(ClaimStatements.CLAIM_LOCKED)) {
            for (String orderId : locked) {
                claim.setString(1, owner);
                claim.setLong(2, until);
                claim.setString(3, orderId);
                claim.addBatch();
            }
            claim.executeBatch();
        }
        try (PreparedStatement read = connection.prepareStatement(ClaimStatements.DELIVERIES)) {
            IdArray.bind(read, 1, locked);
            return queued(read);
        }
    }

    private static Map<String, Queued> queued(PreparedStatement query) throws SQLException {
        Map<String, Queued> queued = new LinkedHashMap<>();
        try (ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                queued.put(rows.getString("order_id"), new Queued(rows.getInt("deliveries"),
                                                                  Optional.ofNullable(rows.getString("traceparent"))));
            }
        }
        return queued;
    }

    /** What a claimed order's queue row holds beside its claim. */
    private record Queued(int deliveries, Optional<String> traceparent) {
    }

    /**
     * The heartbeat: extends the claims {@code owner} still holds on these orders.
     *
     * @param owner    the worker
     * @param orderIds orders it is executing
     * @param length   how long the claims now hold
     * @return the orders whose claims were extended; the others were lost or have ended
     * @throws StoreUnavailableException when the database failed
     */
    public Set<String> renew(String owner, Collection<String> orderIds, Duration length) {
        if (orderIds.isEmpty()) {
            return Set.of();
        }
        List<String> ids = List.copyOf(orderIds);
        long until = clock.millis() + length.toMillis();
        return jdbc.inTransaction(connection -> {
            try (PreparedStatement renew = connection.prepareStatement(ClaimStatements.RENEW)) {
                for (String orderId : ids) {
                    renew.setLong(1, until);
                    renew.setString(2, orderId);
                    renew.setString(3, owner);
                    renew.addBatch();
                }
                int[] counts = renew.executeBatch();
                Set<String> renewed = new HashSet<>();
                for (int i = 0; i < ids.size(); i++) {
                    if (counts[i] > 0) {
                        renewed.add(ids.get(i));
                    }
                }
                return renewed;
            }
        });
    }

    /**
     * Gives an unfinished order back: any worker may claim it again after {@code after}.
     *
     * @param owner   the worker holding it
     * @param orderId the order
     * @param after   how long it rests first (zero: at once)
     */
    public void release(String owner, String orderId, Duration after) {
        long availableAt = clock.millis() + after.toMillis();
        jdbc.autoCommit(connection -> {
            try (PreparedStatement release = connection.prepareStatement(ClaimStatements.RELEASE)) {
                release.setLong(1, availableAt);
                release.setString(2, orderId);
                release.setString(3, owner);
                return release.executeUpdate();
            }
        });
    }

    /**
     * Gives back every claim of a worker that stops, so others take its orders at once.
     *
     * @param owner the worker
     * @return how many were given back
     */
    public int releaseAll(String owner) {
        long now = clock.millis();
        return jdbc.autoCommit(connection -> {
            try (PreparedStatement release = connection.prepareStatement(ClaimStatements.RELEASE_ALL_OF)) {
                release.setLong(1, now);
                release.setString(2, owner);
                return release.executeUpdate();
            }
        });
    }

    /**
     * Makes every order claimable now. Only for a database that one process alone uses (the
     * embedded H2 file), whose earlier run's claims are known to be dead.
     *
     * @return how many orders were claimed before
     */
    public int releaseEveryClaim() {
        return jdbc.autoCommit(connection -> {
            try (PreparedStatement release = connection.prepareStatement(ClaimStatements.RELEASE_EVERY)) {
                return release.executeUpdate();
            }
        });
    }

    /**
     * Unfinished orders: waiting, or being executed.
     *
     * @return queue depth
     */
    public long depth() {
        return jdbc.autoCommit(connection -> {
            try (PreparedStatement count = connection.prepareStatement(ClaimStatements.DEPTH);
                 ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        });
    }

    /**
     * The queue as a whole, for monitoring: one statement.
     *
     * @return depth, orders waiting for a worker, and the oldest of those
     * @throws StoreUnavailableException when the database failed
     */
    public QueueState state() {
        long now = clock.millis();
        return jdbc.autoCommit(connection -> {
            try (PreparedStatement query = connection.prepareStatement(ClaimStatements.STATE)) {
                query.setLong(1, now);
                query.setLong(2, now);
                try (ResultSet rows = query.executeQuery()) {
                    rows.next();
                    long oldest = rows.getLong(3);
                    Duration oldestWait = rows.wasNull() ? Duration.ZERO : Duration.ofMillis(Math.max(0, now - oldest));
                    return new QueueState(rows.getLong(1), rows.getLong(2), oldestWait);
                }
            }
        });
    }

    /**
     * The order queue at one moment.
     *
     * @param depth      unfinished orders: waiting, or being executed
     * @param waiting    those no live claim holds: new, released, or whose worker died
     * @param oldestWait how long the oldest waiting order has existed; zero when none waits
     */
    public record QueueState(long depth, long waiting, Duration oldestWait) {
    }

    /**
     * An order a worker has claimed.
     *
     * @param order       the order as stored when claimed
     * @param deliveries  how many times it has been claimed, this time included
     * @param traceparent the W3C traceparent of the submit that queued it, when that was traced
     */
    public record Claimed(Order order, int deliveries, Optional<String> traceparent) {
    }
}
