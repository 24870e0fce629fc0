package io.orderstream.store;

import io.orderstream.testing.TestDatabases;

/** The claims contract on H2, as the embedded mode runs it. */
class H2OrderClaimsTest extends OrderClaimsContract {
    H2OrderClaimsTest() {
        super(TestDatabases.h2("claims"));
    }
}
