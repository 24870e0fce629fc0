package io.orderstream.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

import io.orderstream.periodic.Periodic;

/**
 * Keeps PostgreSQL's picture of the store's three tables true while they churn: vacuums a table
 * once its dead rows pass autovacuum's default threshold, analyzes it once its changes pass
 * autovacuum's default analyze threshold, at a cadence of its own.
 * <p>
 * Why the store does this itself: the order queue takes one insert and one delete per order, so
 * at a thousand orders a second it leaves tens of thousands of dead rows a minute, and every
 * submit counts the queue. Autovacuum looks at a database at most once a minute, and where it is
 * off nothing ever clears them: each count then walks every row the queue ever held. The other
 * trap is the statements' cached plans: a plan made while {@code orders} was small (a sequential
 * scan for {@code id = ANY(?)}) is kept until the table is analyzed, and without analyze it stays
 * a full scan of a table that grows by every order. An analyze makes PostgreSQL plan those
 * statements again on their next run.
 * <p>
 * Every process that opens the database on PostgreSQL runs one; several at once are safe
 * ({@code SKIP_LOCKED}: a table another process is vacuuming this instant is left to it). Where
 * autovacuum is on and has just done the work, the thresholds are not reached and this does
 * nothing. H2 needs none of it. One thread of its own ({@link Periodic}); a round that fails is
 * logged and tried again at the next interval.
 */
public final class TableUpkeep implements AutoCloseable {
    /** The tables kept: fixed names, never from input, so they may be written into statements. */
    private static final List<String> TABLES = List.of("orders", "order_events", "order_queue");
    // autovacuum_vacuum_threshold / _scale_factor and autovacuum_analyze_threshold / _scale_factor
    // as PostgreSQL ships them: the balance between work done and rows left that it chose.
    private static final long BASE_THRESHOLD = 50;
    private static final double VACUUM_SCALE = 0.2;
    private static final double ANALYZE_SCALE = 0.1;
    // reltuples is -1 until a table's first vacuum or analyze.
    private static final String TABLE_STATE = """
            SELECT s.relname, GREATEST(c.reltuples, 0), s.n_dead_tup, s.n_mod_since_analyze
            FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid
            WHERE s.schemaname = current_schema() AND s.relname = ANY(?)""";
    private static final Logger LOG = Logger.getLogger(TableUpkeep.class.getName());

    private final Jdbc jdbc;
    private final Periodic thread;

    private TableUpkeep(Jdbc jdbc) {
        this.jdbc = jdbc;
        this.thread = new Periodic("table-upkeep", "Vacuuming and analyzing the store's tables", LOG);
    }

    /**
     * Upkeep for a database on PostgreSQL, not yet started.
     *
     * @param database the open database
     * @return its upkeep
     * @throws IllegalArgumentException when the database is not PostgreSQL
     */
    public static TableUpkeep of(Database database) {
        if (database.dialect() != Dialect.POSTGRESQL) {
            throw new IllegalArgumentException("Only PostgreSQL's tables need upkeep");
        }
        return new TableUpkeep(database.jdbc());
    }

    /**
     * Runs a round every {@code interval}, the first at a random moment within it, so that
     * processes started together do not run theirs together.
     *
     * @param interval time between rounds
     * @return this upkeep
     */
    public TableUpkeep start(Duration interval) {
        thread.start(interval, this::roundAndLog);
        return this;
    }

    /**
     * One round, on the caller's thread: reads each table's counters and vacuums or analyzes
     * those past their threshold. PostgreSQL's counters lag the last second or so of changes.
     *
     * @return what it did
     * @throws io.orderstream.error.StoreUnavailableException when the database failed
     */
    public Round round() {
        return jdbc.autoCommit(connection -> {
            List<String> vacuumed = new ArrayList<>();
            List<String> analyzed = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement(TABLE_STATE)) {
                IdArray.bind(query, 1, TABLES);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        String table = rows.getString(1);
                        double tuples = rows.getDouble(2);
                        boolean vacuum = rows.getLong(3) > BASE_THRESHOLD + VACUUM_SCALE * tuples;
                        boolean analyze = rows.getLong(4) > BASE_THRESHOLD + ANALYZE_SCALE * tuples;
                        if (vacuum) {
                            vacuumed.add(table);
                        }
                        if (analyze) {
                            analyzed.add(table);
                        }
                    }
                }
            }
            try (Statement statement = connection.createStatement()) {
                for (String table : TABLES) {
                    boolean vacuum = vacuumed.contains(table);
                    boolean analyze = analyzed.contains(table);
                    // VACUUM cannot run in a transaction block: this connection is in auto-commit.
                    // TRUNCATE false: giving back the empty pages at a table's end takes an ACCESS
                    // EXCLUSIVE lock, which would stop every submit and step while it waits for it.
                    if (vacuum) {
                        statement.execute("VACUUM (SKIP_LOCKED, TRUNCATE false" + (analyze ? ", ANALYZE) " : ") ")
                                                  + table);
                    } else if (analyze) {
                        statement.execute("ANALYZE (SKIP_LOCKED) " + table);
                    }
                }
            }
            return new Round(List.copyOf(vacuumed), List.copyOf(analyzed));
        });
    }

    private void roundAndLog() {
        Round round = round();
        if (!round.vacuumed().isEmpty() || !round.analyzed().isEmpty()) {
            LOG.fine(() -> "Vacuumed " + round.vacuumed() + ", analyzed " + round.analyzed());
        }
    }

    /**
     * Stops the rounds. One in progress finishes first (up to 10 seconds), so its connection goes
     * back to the pool whole.
     */
    @Override
    public void close() {
        thread.close();
    }

    /**
     * What one round did.
     *
     * @param vacuumed tables vacuumed (analyzed as well when also in {@code analyzed})
     * @param analyzed tables analyzed
     */
    public record Round(List<String> vacuumed, List<String> analyzed) {
    }
}
