package io.orderstream.store;

import io.orderstream.testing.TestH2;

/** The queue share contract on H2, as the embedded mode runs it. */
class H2QueueShareTest extends QueueShareContract {
    @Override
    protected Database openDatabase() {
        return TestH2.open("shares");
    }

    @Override
    protected void removeDatabase() {
        // An in-memory database ends with its last connection.
    }
}
