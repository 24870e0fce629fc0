package io.orderstream.store;

import io.orderstream.testing.TestDatabases;

/** The queue share contract on PostgreSQL, in a schema of its own per test. */
class PostgresQueueShareTest extends QueueShareContract {
    PostgresQueueShareTest() {
        super(TestDatabases.postgres("shares"));
    }
}
