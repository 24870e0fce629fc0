package io.orderstream.store;

import io.orderstream.testing.TestPostgres;

/** The store contract on PostgreSQL, in a schema of its own. */
class PostgresOrderStoreTest extends OrderStoreContract {
    private String schema;

    @Override
    protected Database openDatabase() {
        schema = TestPostgres.createSchema("store");
        return TestPostgres.open(schema);
    }

    @Override
    protected void removeDatabase() {
        if (schema != null) {
            TestPostgres.dropSchema(schema);
        }
    }
}
