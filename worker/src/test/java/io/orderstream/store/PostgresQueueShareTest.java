package io.orderstream.store;

import io.orderstream.testing.TestPostgres;

/** The queue share contract on PostgreSQL, in a schema of its own per test. */
class PostgresQueueShareTest extends QueueShareContract {
    private String schema;

    @Override
    protected Database openDatabase() {
        schema = TestPostgres.createSchema("shares");
        return TestPostgres.open(schema);
    }

    @Override
    protected void removeDatabase() {
        if (schema != null) {
            TestPostgres.dropSchema(schema);
        }
    }
}
