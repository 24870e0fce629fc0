package io.orderstream.store;

/**
 * What differs between the two databases: how a claim answers the rows it took. Everything
 * else is standard SQL that both run alike.
 */
enum Dialect {
    H2,
    POSTGRESQL;

    // Takes up to ARG 4 claimable rows, longest waiting first, skipping rows another claim has
    // locked this instant, and holds them for ARG 1 until ARG 2.
    private static final String CLAIM = """
            UPDATE order_queue SET claim_owner = ?, available_ms = ?, deliveries = deliveries + 1
            WHERE order_id IN (SELECT order_id FROM order_queue WHERE available_ms <= ?
                               ORDER BY available_ms LIMIT ? FOR UPDATE SKIP LOCKED)""";

    static Dialect of(String jdbcUrl) {
        return jdbcUrl.startsWith("jdbc:postgresql:") ? POSTGRESQL : H2;
    }

    /** The claim statement, answering {@code order_id} and {@code deliveries} of each row taken. */
    String claim() {
        return switch (this) {
            case POSTGRESQL -> CLAIM + " RETURNING order_id, deliveries";
            case H2 -> "SELECT order_id, deliveries FROM FINAL TABLE (" + CLAIM + ")";
        };
    }
}
