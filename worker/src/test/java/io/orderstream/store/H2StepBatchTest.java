package io.orderstream.store;

import io.orderstream.testing.TestDatabases;

/** The step batch contract on H2. */
class H2StepBatchTest extends StepBatchContract {
    H2StepBatchTest() {
        super(TestDatabases.h2("batch"));
    }
}
