package io.orderstream.store;

/**
 * What differs between the two databases: how a claim takes its rows. Everything else is
 * standard SQL that both run alike.
 */
enum Dialect {
    /**
     * PostgreSQL: one statement locks the claimable rows (skipping those another claim has
     * locked this instant), claims them and answers them with their orders.
     */
    POSTGRESQL,
    /**
     * H2: the same in two steps, as H2 runs the one-statement form with a subquery per row
     * (hundreds of milliseconds over a 10,000-order backlog): lock the rows, claim each, then
     * read them and their orders, in one transaction.
     */
    H2;

    static Dialect of(String jdbcUrl) {
        return jdbcUrl.startsWith("jdbc:postgresql:") ? POSTGRESQL : H2;
    }
}
