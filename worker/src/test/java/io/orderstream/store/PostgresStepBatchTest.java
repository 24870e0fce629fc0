package io.orderstream.store;

import io.orderstream.testing.TestDatabases;

/** The step batch contract on PostgreSQL, in a schema of its own. */
class PostgresStepBatchTest extends StepBatchContract {
    PostgresStepBatchTest() {
        super(TestDatabases.postgres("batch"));
    }
}
