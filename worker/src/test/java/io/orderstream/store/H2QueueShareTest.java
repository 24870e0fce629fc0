package io.orderstream.store;

import io.orderstream.testing.TestDatabases;

/** The queue share contract on H2, as the embedded mode runs it. */
class H2QueueShareTest extends QueueShareContract {
    H2QueueShareTest() {
        super(TestDatabases.h2("shares"));
    }
}
