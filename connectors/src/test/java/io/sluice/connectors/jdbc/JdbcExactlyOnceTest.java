package io.sluice.connectors.jdbc;

import static io.sluice.connectors.ConnectorTestSupport.options;
import static io.sluice.connectors.jdbc.PostgresTestSupport.context;
import static io.sluice.connectors.jdbc.PostgresTestSupport.execute;
import static io.sluice.connectors.jdbc.PostgresTestSupport.query;
import static io.sluice.connectors.jdbc.PostgresTestSupport.sink;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.executor.connector.SinkWriter;
import io.sluice.executor.connector.TableSink;
import io.sluice.executor.data.RowKind;
import io.sluice.executor.error.SluiceException;
import io.sluice.executor.types.LogicalType;
import io.sluice.executor.types.RowSchema;
import io.sluice.executor.types.TypeRoot;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The crash windows of DESIGN.md §5 for the exactly-once jdbc sink, against a real PostgreSQL. A
 * crash is a writer abandoned at that point (never closed, as after kill -9, though its connection
 * is released so that an open transaction does not hold locks); recovery is a new writer restored
 * from the last completed checkpoint's state, fed again the rows after that checkpoint, as a
 * replayable source would feed them.
 *
 * <p>The table is a running count per key: row {@code i} sets key {@code i % 5} to {@code i}; the
 * expected table after rows {@code [0, n)} is known. A trigger logs every row the sink writes, so a
 * commit applied twice shows up in the log even though upserts would hide it in the table.
 */
@Tag("integration")
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class JdbcExactlyOnceTest {
    private static final RowSchema COUNTS = RowSchema.builder()
            .field("k", LogicalType.of(TypeRoot.INTEGER).withNullable(false))
            .field("last", LogicalType.of(TypeRoot.BIGINT))
            .build();
    private static final AtomicInteger TABLES = new AtomicInteger();
    private static String url;

    private final List<SinkWriter> abandoned = new ArrayList<>();
    private String table;
    private String sinkId;

    @BeforeAll
    static void database() {
        url = PostgresTestSupport.newDatabase();
        execute(url, "CREATE TABLE write_log (tbl TEXT, k INTEGER, last BIGINT)",
                "CREATE FUNCTION log_write() RETURNS trigger AS $$ BEGIN"
                        + " INSERT INTO write_log VALUES (TG_TABLE_NAME, NEW.k, NEW.last); RETURN NEW; END $$"
                        + " LANGUAGE plpgsql");
    }

    @BeforeEach
    void createTable() {
        table = "counts_" + TABLES.incrementAndGet();
        sinkId = "job-" + table;
        execute(url, "CREATE TABLE " + table + " (k INTEGER PRIMARY KEY, last BIGINT)",
                "CREATE TRIGGER log_" + table + " AFTER INSERT OR UPDATE ON " + table
                        + " FOR EACH ROW EXECUTE FUNCTION log_write()");
    }

    @AfterEach
    void releaseAbandonedWriters() throws Exception {
        for (SinkWriter writer : abandoned) {
            writer.close();
        }
    }

    private TableSink exactlyOnce(String tableName) {
        return sink(tableName, COUNTS, List.of("k"), options("url", url, "table-name", tableName,
                "sink.delivery-guarantee", "exactly-once"));
    }

    private SinkWriter open(int subtask, int parallelism, List<byte[]> restored) throws Exception {
        SinkWriter writer = exactlyOnce(table).createWriter(subtask, parallelism);
        writer.open(context(subtask, parallelism, sinkId, restored, true));
        return writer;
    }

    /** A crash: the writer is dropped as it is. */
    private void crash(SinkWriter writer) {
        abandoned.add(writer);
    }

    /** Rows {@code [from, to)} of a subtask's share: the rows of key k go to subtask k % parallelism. */
    private static void write(SinkWriter writer, int from, int to, int subtask, int parallelism) throws Exception {
        for (int i = from; i < to; i++) {
            if (i % 10 % parallelism == subtask) {
                writer.write(RowKind.INSERT, new Object[] {i % 10, (long) i});
            }
        }
    }

    private static void write(SinkWriter writer, int from, int to) throws Exception {
        write(writer, from, to, 0, 1);
    }

    /** The table after rows {@code [0, n)}: key i % 10 holds the last i. */
    private static TreeMap<Integer, Long> expected(int n) {
        TreeMap<Integer, Long> expected = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            expected.put(i % 10, (long) i);
        }
        return expected;
    }

    private TreeMap<Integer, Long> visible() {
        TreeMap<Integer, Long> visible = new TreeMap<>();
        query(url, "SELECT k, last FROM " + table).forEach(r -> visible.put((Integer) r.get(0), (Long) r.get(1)));
        return visible;
    }

    /** Every (key, value) the sink ever wrote into the table, and how often. */
    private List<List<Object>> writesMoreThanOnce() {
        return query(url, "SELECT k, last, COUNT(*) FROM write_log WHERE tbl = '" + table
                + "' GROUP BY k, last HAVING COUNT(*) > 1");
    }

    private List<List<Object>> progress() {
        return query(url, "SELECT subtask, checkpoint_id FROM sluice_sink_progress WHERE sink_id = '" + sinkId
                + "' ORDER BY subtask");
    }

    @Test
    void shouldMakeRowsVisibleOnlyWhenTheirCheckpointCompletes() throws Exception {
        SinkWriter writer = open(0, 1, List.of());
        write(writer, 0, 20);
        writer.snapshotState(1);
        write(writer, 20, 30);
        assertThat(visible()).isEmpty();

        writer.notifyCheckpointComplete(1);
        assertThat(visible()).isEqualTo(expected(20));
        assertThat(progress()).containsExactly(List.of(0, 1L));

        writer.snapshotState(2);
        writer.notifyCheckpointComplete(2);
        assertThat(visible()).isEqualTo(expected(30));
        assertThat(progress()).containsExactly(List.of(0, 2L));
        writer.finish();
        writer.close();
        assertThat(writesMoreThanOnce()).isEmpty();
    }

    @Test
    void shouldCommitEveryEarlierPendingCheckpointWhenANotificationWasLost() throws Exception {
        SinkWriter writer = open(0, 1, List.of());
        write(writer, 0, 10);
        writer.snapshotState(1);
        write(writer, 10, 20);
        writer.snapshotState(2);
        write(writer, 20, 25);
        writer.snapshotState(3);

        writer.notifyCheckpointComplete(2);
        assertThat(visible()).isEqualTo(expected(20));
        writer.notifyCheckpointComplete(3);
        assertThat(visible()).isEqualTo(expected(25));
        assertThat(progress()).containsExactly(List.of(0, 3L));
        writer.close();
    }

    @Test
    void crashBeforeTheBarrierLosesNothingCommitted() throws Exception {
        SinkWriter first = open(0, 1, List.of());
        write(first, 0, 10);
        byte[] one = first.snapshotState(1);
        first.notifyCheckpointComplete(1);
        write(first, 10, 17);
        crash(first);

        SinkWriter second = open(0, 1, List.of(one));
        assertThat(visible()).isEqualTo(expected(10));
        write(second, 10, 30);
        second.snapshotState(2);
        second.notifyCheckpointComplete(2);
        second.finish();
        second.close();

        assertThat(visible()).isEqualTo(expected(30));
        assertThat(writesMoreThanOnce()).isEmpty();
    }

    @Test
    void crashAfterTheSnapshotBeforeCompletionRestoresTheCheckpointBefore() throws Exception {
        SinkWriter first = open(0, 1, List.of());
        write(first, 0, 10);
        byte[] one = first.snapshotState(1);
        first.notifyCheckpointComplete(1);
        write(first, 10, 20);
        first.snapshotState(2); // checkpoint 2 never completes
        crash(first);
        assertThat(visible()).isEqualTo(expected(10));

        // restore N-1: checkpoint 1 is the newest complete one
        SinkWriter second = open(0, 1, List.of(one));
        write(second, 10, 20);
        second.snapshotState(2);
        second.notifyCheckpointComplete(2);
        second.close();

        assertThat(visible()).isEqualTo(expected(20));
        assertThat(progress()).containsExactly(List.of(0, 2L));
        assertThat(writesMoreThanOnce()).isEmpty();
    }

    @Test
    void crashAfterCompletionBeforeTheCommitCommitsOnRestore() throws Exception {
        SinkWriter first = open(0, 1, List.of());
        write(first, 0, 10);
        first.snapshotState(1);
        first.notifyCheckpointComplete(1);
        write(first, 10, 20);
        byte[] two = first.snapshotState(2); // checkpoint 2 completes, its notification never runs
        write(first, 20, 23);
        crash(first);
        assertThat(visible()).isEqualTo(expected(10));

        // restore N: opening commits what checkpoint 2 recorded
        SinkWriter second = open(0, 1, List.of(two));
        assertThat(visible()).isEqualTo(expected(20));
        assertThat(progress()).containsExactly(List.of(0, 2L));
        write(second, 20, 30);
        second.snapshotState(3);
        second.notifyCheckpointComplete(3);
        second.close();

        assertThat(visible()).isEqualTo(expected(30));
        assertThat(writesMoreThanOnce()).isEmpty();
    }

    @Test
    void crashDuringTheCommitRollsItBackAndRestoreCommitsItOnce() throws Exception {
        SinkWriter first = open(0, 1, List.of());
        write(first, 0, 10);
        first.snapshotState(1);
        first.notifyCheckpointComplete(1);
        write(first, 10, 20);
        byte[] two = first.snapshotState(2);
        // the database fails the commit of checkpoint 2 after its rows are written, as a crash would
        execute(url, "CREATE FUNCTION fail_" + table + "() RETURNS trigger AS $$ BEGIN"
                        + " IF NEW.checkpoint_id = 2 AND NEW.sink_id = '" + sinkId + "' THEN"
                        + " RAISE EXCEPTION 'crash during commit'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql",
                "CREATE TRIGGER fail_" + table + " BEFORE INSERT OR UPDATE ON sluice_sink_progress"
                        + " FOR EACH ROW EXECUTE FUNCTION fail_" + table + "()");
        try {
            assertThatThrownBy(() -> first.notifyCheckpointComplete(2))
                    .isInstanceOf(SluiceException.class)
                    .hasMessageContaining("cannot commit checkpoint 2 of sink subtask 0")
                    .hasMessageContaining("crash during commit");
        } finally {
            execute(url, "DROP TRIGGER fail_" + table + " ON sluice_sink_progress");
        }
        crash(first);
        assertThat(visible()).isEqualTo(expected(10));

        SinkWriter second = open(0, 1, List.of(two));
        assertThat(visible()).isEqualTo(expected(20));
        second.close();
        assertThat(writesMoreThanOnce()).isEmpty();
    }

    @Test
    void crashAfterTheCommitSkipsItOnRestore() throws Exception {
        SinkWriter first = open(0, 1, List.of());
        write(first, 0, 10);
        first.snapshotState(1);
        first.notifyCheckpointComplete(1);
        write(first, 10, 20);
        byte[] two = first.snapshotState(2);
        first.notifyCheckpointComplete(2);
        write(first, 20, 25);
        crash(first);

        // restore N: its transaction is in the state, and committed already
        SinkWriter second = open(0, 1, List.of(two));
        assertThat(visible()).isEqualTo(expected(20));
        write(second, 20, 30);
        second.snapshotState(3);
        second.notifyCheckpointComplete(3);
        second.close();

        assertThat(visible()).isEqualTo(expected(30));
        assertThat(writesMoreThanOnce()).as("checkpoint 2 committed twice").isEmpty();
        assertThat(query(url, "SELECT COUNT(*) FROM write_log WHERE tbl = '" + table + "'"))
                .containsExactly(List.of(30L));
    }

    @Test
    void shouldNotSkipAnythingWhenTheJobStartsAfreshOverAnOlderRunsProgressRow() throws Exception {
        SinkWriter older = open(0, 1, List.of());
        write(older, 0, 10);
        older.snapshotState(5);
        older.notifyCheckpointComplete(5);
        older.close();
        execute(url, "DELETE FROM " + table);

        // the same job started without state: its checkpoint ids begin again
        SinkWriter fresh = open(0, 1, List.of());
        write(fresh, 0, 10);
        byte[] one = fresh.snapshotState(1);
        crash(fresh);
        SinkWriter restored = open(0, 1, List.of(one));
        assertThat(visible()).as("checkpoint 1 of the new run is committed despite the row at 5")
                .isEqualTo(expected(10));
        restored.close();
        assertThat(progress()).containsExactly(List.of(0, 1L));
    }

    @Test
    void rescaleFromTwoToOneCommitsBothOldSubtasksPendingOnce() throws Exception {
        SinkWriter a = open(0, 2, List.of());
        SinkWriter b = open(1, 2, List.of());
        write(a, 0, 20, 0, 2);
        write(b, 0, 20, 1, 2);
        a.snapshotState(1);
        b.snapshotState(1);
        a.notifyCheckpointComplete(1);
        b.notifyCheckpointComplete(1);
        write(a, 20, 40, 0, 2);
        write(b, 20, 40, 1, 2);
        byte[] a2 = a.snapshotState(2);
        byte[] b2 = b.snapshotState(2);
        a.notifyCheckpointComplete(2); // subtask 1's notification of checkpoint 2 never runs
        crash(a);
        crash(b);
        assertThat(progress()).containsExactly(List.of(0, 2L), List.of(1, 1L));

        SinkWriter single = open(0, 1, List.of(a2, b2));
        assertThat(visible()).isEqualTo(expected(40));
        assertThat(progress()).containsExactly(List.of(0, 2L), List.of(1, 2L));
        write(single, 40, 50);
        single.snapshotState(3);
        single.notifyCheckpointComplete(3);
        single.close();

        assertThat(visible()).isEqualTo(expected(50));
        assertThat(progress()).containsExactly(List.of(0, 3L), List.of(1, 2L));
        assertThat(writesMoreThanOnce()).isEmpty();
    }

    @Test
    void rescaleFromTwoToThreeGivesTheNewSubtaskItsOwnRun() throws Exception {
        SinkWriter a = open(0, 2, List.of());
        SinkWriter b = open(1, 2, List.of());
        write(a, 0, 20, 0, 2);
        write(b, 0, 20, 1, 2);
        byte[] a1 = a.snapshotState(1);
        byte[] b1 = b.snapshotState(1);
        b.notifyCheckpointComplete(1); // subtask 0's notification never runs
        crash(a);
        crash(b);

        List<SinkWriter> three = new ArrayList<>();
        three.add(open(0, 3, List.of(a1)));
        three.add(open(1, 3, List.of(b1)));
        three.add(open(2, 3, List.of()));
        assertThat(visible()).isEqualTo(expected(20));
        for (int s = 0; s < 3; s++) {
            write(three.get(s), 20, 60, s, 3);
        }
        for (SinkWriter writer : three) {
            writer.snapshotState(2);
        }
        for (SinkWriter writer : three) {
            writer.notifyCheckpointComplete(2);
            writer.close();
        }

        assertThat(visible()).isEqualTo(expected(60));
        assertThat(progress()).containsExactly(List.of(0, 2L), List.of(1, 2L), List.of(2, 2L));
        assertThat(writesMoreThanOnce()).isEmpty();
    }

    @Test
    void shouldApplyDeletesAndSkipUpdateBeforeInsideATransaction() throws Exception {
        SinkWriter writer = open(0, 1, List.of());
        writer.write(RowKind.INSERT, new Object[] {1, 10L});
        writer.write(RowKind.INSERT, new Object[] {2, 20L});
        writer.snapshotState(1);
        writer.write(RowKind.UPDATE_BEFORE, new Object[] {1, 10L});
        writer.write(RowKind.UPDATE_AFTER, new Object[] {1, 11L});
        writer.write(RowKind.DELETE, new Object[] {2, 20L});
        writer.snapshotState(2);
        writer.notifyCheckpointComplete(2);
        writer.close();

        assertThat(visible()).containsExactly(java.util.Map.entry(1, 11L));
    }

    @Test
    void shouldRefuseExactlyOnceWithoutCheckpoints() {
        SinkWriter writer = exactlyOnce(table).createWriter(0, 1);

        assertThatThrownBy(() -> writer.open(context(0, 1, sinkId, List.of(), false)))
                .isInstanceOf(SluiceException.class)
                .hasMessageContaining("Table '" + table + "'")
                .hasMessageContaining("option 'sink.delivery-guarantee' = 'exactly-once'")
                .hasMessageContaining("execution.checkpointing.interval");
    }

    @Test
    void shouldAppendExactlyOnceWithoutPrimaryKey() throws Exception {
        execute(url, "CREATE TABLE events_" + table + " (k INTEGER, last BIGINT)");
        TableSink sink = sink("events_" + table, COUNTS, List.of(), options("url", url,
                "table-name", "events_" + table, "sink.delivery-guarantee", "exactly-once"));
        SinkWriter first = sink.createWriter(0, 1);
        first.open(context(0, 1, sinkId + "-events", List.of(), true));
        write(first, 0, 10);
        byte[] one = first.snapshotState(1);
        first.notifyCheckpointComplete(1);
        crash(first);

        SinkWriter second = sink.createWriter(0, 1);
        second.open(context(0, 1, sinkId + "-events", List.of(one), true));
        write(second, 10, 15);
        second.snapshotState(2);
        second.notifyCheckpointComplete(2);
        second.close();

        assertThat(query(url, "SELECT COUNT(*), COUNT(DISTINCT last) FROM events_" + table))
                .containsExactly(List.of(15L, 15L));
    }
}
