package io.orderstream.store;

import io.orderstream.testing.TestPostgres;

/** The step batch contract on PostgreSQL, in a schema of its own. */
class PostgresStepBatchTest extends StepBatchContract {
    private String schema;

    @Override
    protected Database openDatabase() {
        schema = TestPostgres.createSchema("batch");
        return TestPostgres.open(schema);
    }

    @Override
    protected void removeDatabase() {
        if (schema != null) {
            TestPostgres.dropSchema(schema);
        }
    }
}
