package io.orderstream.store;

/**
 * The SQL of {@link OrderClaims}: the order queue's claims, renewals and releases, and its
 * state for the gauges. The same text on H2 and PostgreSQL; where they differ, {@code OrderClaims}
 * picks the statements by {@link Dialect}.
 */
final class ClaimStatements {
    // Claimable rows, longest waiting first, skipping rows another claim has locked this instant.
    static final String CLAIMABLE = """
            SELECT order_id FROM order_queue WHERE available_ms <= ?
            ORDER BY available_ms LIMIT ? FOR UPDATE SKIP LOCKED""";
    // PostgreSQL: claims the rows and reads their orders in one statement, one round trip in
    // auto-commit. Each order is read by its key in a LATERAL subquery that LIMIT keeps from
    // being merged into a join: a plain join's plan, cached while orders was small, hashes the
    // whole table on every claim once it has grown, whereas this one is an index lookup whatever
    // the table's size. The claimed rows' columns are renamed so as not to clash with the order's.
    static final String CLAIM_AND_READ = "WITH claimed AS ("
            + "UPDATE order_queue SET claim_owner = ?, available_ms = ?, deliveries = deliveries + 1 "
            + "WHERE order_id IN (" + CLAIMABLE + ") RETURNING order_id, deliveries, traceparent) "
            + "SELECT o.*, c.deliveries AS claim_deliveries, c.traceparent AS claim_traceparent "
            + "FROM claimed c CROSS JOIN LATERAL (SELECT * FROM orders WHERE id = c.order_id LIMIT 1) o";
    static final String CLAIM_LOCKED = """
            UPDATE order_queue SET claim_owner = ?, available_ms = ?, deliveries = deliveries + 1
            WHERE order_id = ?""";
    static final String DELIVERIES = "SELECT order_id, deliveries, traceparent FROM order_queue WHERE order_id = ANY(?)";
    static final String ORDERS = "SELECT * FROM orders WHERE id = ANY(?)";
    static final String RENEW =
            "UPDATE order_queue SET available_ms = ? WHERE order_id = ? AND claim_owner = ?";
    static final String RELEASE =
            "UPDATE order_queue SET available_ms = ?, claim_owner = NULL WHERE order_id = ? AND claim_owner = ?";
    static final String RELEASE_ALL_OF =
            "UPDATE order_queue SET available_ms = ?, claim_owner = NULL WHERE claim_owner = ?";
    static final String RELEASE_EVERY = "UPDATE order_queue SET available_ms = 0, claim_owner = NULL";
    static final String DEPTH = "SELECT COUNT(*) FROM order_queue";
    // The whole queue is bounded by its capacity: one pass over it, joined to each order's creation.
    static final String STATE = """
            SELECT COUNT(*), SUM(CASE WHEN q.available_ms <= ? THEN 1 ELSE 0 END),
                   MIN(CASE WHEN q.available_ms <= ? THEN o.created_ms END)
            FROM order_queue q JOIN orders o ON o.id = q.order_id""";

    private ClaimStatements() {
    }
}
