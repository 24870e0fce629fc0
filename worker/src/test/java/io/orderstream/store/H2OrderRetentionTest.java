package io.orderstream.store;

import io.orderstream.testing.TestH2;

/** The retention contract on H2, as the embedded mode runs it. */
class H2OrderRetentionTest extends OrderRetentionContract {
    @Override
    protected Database openDatabase() {
        return TestH2.open("retention");
    }

    @Override
    protected void removeDatabase() {
        // An in-memory database ends with its last connection.
    }
}
