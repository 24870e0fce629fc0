package io.orderstream.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;

/**
 * Binds a list of ids as one SQL array, for statements that read {@code id = ANY(?)} where they
 * would read {@code id IN (?, ?, ...)}: the statement's text is then the same whatever the
 * list's length. With an IN list each length is a statement of its own, which PostgreSQL prepares
 * again and H2 keeps in its per-connection statement cache, and H2 walks that whole cache on the
 * first change of a table in every transaction. Both databases use the key's index for
 * {@code = ANY(?)}. The arrays are made on the client and hold nothing on the server.
 */
final class IdArray {
    private IdArray() {
    }

    /**
     * Binds the ids as an array of {@code VARCHAR}.
     *
     * @param statement the statement
     * @param index     the parameter's index
     * @param ids       the ids
     * @throws SQLException when the driver cannot make the array
     */
    static void bind(PreparedStatement statement, int index, Collection<String> ids) throws SQLException {
        statement.setArray(index, statement.getConnection().createArrayOf("VARCHAR", ids.toArray()));
    }
}
