package io.orderstream.store;

import io.orderstream.testing.TestPostgres;

/** The claims contract on PostgreSQL, in a schema of its own per test. */
class PostgresOrderClaimsTest extends OrderClaimsContract {
    private String schema;

    @Override
    protected Database openDatabase() {
        schema = TestPostgres.createSchema("claims");
        return TestPostgres.open(schema);
    }

    @Override
    protected void removeDatabase() {
        if (schema != null) {
            TestPostgres.dropSchema(schema);
        }
    }
}
