package io.orderstream.testing;

import io.orderstream.store.Database;

/**
 * Where a store contract's databases come from, so that one contract runs on H2 and on
 * PostgreSQL: each is opened new and migrated, and removed once closed. One at a time.
 */
@FunctionalInterface
public interface TestDatabases {
    /**
     * Opens a new, migrated database.
     *
     * @return the database
     */
    Database open();

    /** Removes what the last {@link #open()} created, once its database is closed. */
    default void removeLast() {
        // Nothing outlives the database by default.
    }

    /**
     * Closes a database this opened, if it was opened, then removes what it created.
     *
     * @param database the database, or null when opening failed
     */
    default void close(Database database) {
        try {
            if (database != null) {
                database.close();
            }
        } finally {
            removeLast();
        }
    }

    /**
     * In-memory H2 databases, as the embedded mode runs.
     *
     * @param name what they are for, part of their names
     * @return the databases
     */
    static TestDatabases h2(String name) {
        return () -> TestH2.open(name);
    }

    /**
     * PostgreSQL databases, each a schema of its own, dropped once the database is closed.
     *
     * @param name what they are for, part of the schemas' names
     * @return the databases
     */
    static TestDatabases postgres(String name) {
        return new TestDatabases() {
            private String schema;

            @Override
            public Database open() {
                schema = TestPostgres.createSchema(name);
                return TestPostgres.open(schema);
            }

            @Override
            public void removeLast() {
                if (schema != null) {
                    TestPostgres.dropSchema(schema);
                    schema = null;
                }
            }
        };
    }
}
