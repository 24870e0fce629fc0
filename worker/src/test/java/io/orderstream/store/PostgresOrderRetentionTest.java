package io.orderstream.store;

import io.orderstream.testing.TestDatabases;

/** The retention contract on PostgreSQL, in a schema of its own per test. */
class PostgresOrderRetentionTest extends OrderRetentionContract {
    PostgresOrderRetentionTest() {
        super(TestDatabases.postgres("retention"));
    }
}
