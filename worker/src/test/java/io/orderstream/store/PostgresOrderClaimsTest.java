package io.orderstream.store;

import io.orderstream.testing.TestDatabases;

/** The claims contract on PostgreSQL, in a schema of its own per test. */
class PostgresOrderClaimsTest extends OrderClaimsContract {
    PostgresOrderClaimsTest() {
        super(TestDatabases.postgres("claims"));
    }
}
