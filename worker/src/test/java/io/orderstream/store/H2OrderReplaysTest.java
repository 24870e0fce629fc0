package io.orderstream.store;

import io.orderstream.testing.TestDatabases;

/** The replays contract on H2, as the embedded mode runs it. */
class H2OrderReplaysTest extends OrderReplaysContract {
    H2OrderReplaysTest() {
        super(TestDatabases.h2("replays"));
    }
}
