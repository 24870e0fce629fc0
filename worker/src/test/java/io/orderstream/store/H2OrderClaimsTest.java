package io.orderstream.store;

import io.orderstream.testing.TestH2;

/** The claims contract on H2, as the embedded mode runs it. */
class H2OrderClaimsTest extends OrderClaimsContract {
    @Override
    protected Database openDatabase() {
        return TestH2.open("claims");
    }

    @Override
    protected void removeDatabase() {
        // An in-memory database ends with its last connection.
    }
}
