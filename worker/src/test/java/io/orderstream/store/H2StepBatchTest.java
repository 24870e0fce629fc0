package io.orderstream.store;

import io.orderstream.testing.TestH2;

/** The step batch contract on H2. */
class H2StepBatchTest extends StepBatchContract {
    @Override
    protected Database openDatabase() {
        return TestH2.open("batch");
    }

    @Override
    protected void removeDatabase() {
        // An in-memory database ends with its last connection.
    }
}
