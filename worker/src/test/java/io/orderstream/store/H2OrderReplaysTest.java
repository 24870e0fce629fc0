package io.orderstream.store;

import io.orderstream.testing.TestH2;

/** The replays contract on H2, as the embedded mode runs it. */
class H2OrderReplaysTest extends OrderReplaysContract {
    @Override
    protected Database openDatabase() {
        return TestH2.open("replays");
    }

    @Override
    protected void removeDatabase() {
        // An in-memory database ends with its last connection.
    }
}
