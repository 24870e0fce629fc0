package io.orderstream.store;

import io.orderstream.testing.TestDatabases;

/** The retention contract on H2, as the embedded mode runs it. */
class H2OrderRetentionTest extends OrderRetentionContract {
    H2OrderRetentionTest() {
        super(TestDatabases.h2("retention"));
    }
}
