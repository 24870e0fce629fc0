package io.orderstream.store;

import io.orderstream.testing.TestDatabases;

/** The store contract on PostgreSQL, in a schema of its own. */
class PostgresOrderStoreTest extends OrderStoreContract {
    PostgresOrderStoreTest() {
        super(TestDatabases.postgres("store"));
    }
}
