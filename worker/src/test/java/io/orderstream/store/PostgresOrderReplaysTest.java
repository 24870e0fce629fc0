package io.orderstream.store;

import io.orderstream.testing.TestDatabases;

/** The replays contract on PostgreSQL, in a schema of its own per test class. */
class PostgresOrderReplaysTest extends OrderReplaysContract {
    PostgresOrderReplaysTest() {
        super(TestDatabases.postgres("replays"));
    }
}
