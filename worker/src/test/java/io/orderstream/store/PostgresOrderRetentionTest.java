package io.orderstream.store;

import io.orderstream.testing.TestPostgres;

/** The retention contract on PostgreSQL, in a schema of its own per test. */
class PostgresOrderRetentionTest extends OrderRetentionContract {
    private String schema;

    @Override
    protected Database openDatabase() {
        schema = TestPostgres.createSchema("retention");
        return TestPostgres.open(schema);
    }

    @Override
    protected void removeDatabase() {
        if (schema != null) {
            TestPostgres.dropSchema(schema);
        }
    }
}
