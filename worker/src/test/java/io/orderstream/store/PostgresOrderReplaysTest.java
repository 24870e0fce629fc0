package io.orderstream.store;

import io.orderstream.testing.TestPostgres;

/** The replays contract on PostgreSQL, in a schema of its own per test class. */
class PostgresOrderReplaysTest extends OrderReplaysContract {
    private String schema;

    @Override
    protected Database openDatabase() {
        schema = TestPostgres.createSchema("replays");
        return TestPostgres.open(schema);
    }

    @Override
    protected void removeDatabase() {
        if (schema != null) {
            TestPostgres.dropSchema(schema);
        }
    }
}
