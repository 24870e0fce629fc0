package io.orderstream.store;

import java.util.Map;

import io.orderstream.testing.TestPostgres;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;

/** The claims contract on PostgreSQL, in a schema of its own per test. */
class PostgresOrderClaimsTest extends OrderClaimsContract {
    private String schema;

    @Override
    protected Database openDatabase() {
        schema = TestPostgres.createSchema("claims");
        return Database.open(Config.just(ConfigSources.create(Map.of(
                "url", TestPostgres.url(schema),
                "username", TestPostgres.USER,
                "password", TestPostgres.PASSWORD))));
    }

    @Override
    protected void removeDatabase() {
        if (schema != null) {
            TestPostgres.dropSchema(schema);
        }
    }
}
