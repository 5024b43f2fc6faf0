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
import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import io.sluice.executor.types.LogicalType;
import io.sluice.executor.types.RowSchema;
import io.sluice.executor.types.TypeRoot;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The at-least-once jdbc sink against a real PostgreSQL: upserts, deletes, appends and buffering. */
@Tag("integration")
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class JdbcSinkTest {
    static final RowSchema SCORES = RowSchema.builder()
            .field("player", LogicalType.string())
            .field("game", LogicalType.of(TypeRoot.INTEGER))
            .field("score", LogicalType.of(TypeRoot.BIGINT))
            .build();

    private static String url;
    private SinkWriter writer;

    @BeforeAll
    static void database() {
        url = PostgresTestSupport.newDatabase();
    }

    @AfterEach
    void closeWriter() throws Exception {
        if (writer != null) {
            writer.close();
        }
    }

    private static void createScores(String table, boolean primaryKey) {
        execute(url, "DROP TABLE IF EXISTS " + table, "CREATE TABLE " + table
                + " (player TEXT NOT NULL, game INTEGER NOT NULL, score BIGINT"
                + (primaryKey ? ", PRIMARY KEY (player, game))" : ")"));
    }

    private SinkWriter open(String table, List<String> key, String... more) throws Exception {
        Map<String, String> options = options("url", url, "table-name", table);
        options.putAll(options(more));
        TableSink sink = sink(table, SCORES, key, options);
        writer = sink.createWriter(0, 1);
        writer.open(context(0, 1, "test-" + table, List.of(), true));
        return writer;
    }

    private static List<List<Object>> scores(String table) {
        return query(url, "SELECT player, game, score FROM " + table + " ORDER BY player, game, score");
    }

    private static Object[] score(String player, int game, long score) {
        return new Object[] {player, game, score};
    }

    @Test
    void shouldUpsertAndDeleteByPrimaryKeyAndIgnoreUpdateBefore() throws Exception {
        createScores("upserts", true);
        SinkWriter w = open("upserts", List.of("player", "game"));
        w.write(RowKind.INSERT, score("ann", 1, 10));
        w.write(RowKind.INSERT, score("bob", 1, 7));
        w.write(RowKind.INSERT, score("cid", 1, 3));
        w.snapshotState(1);
        w.write(RowKind.UPDATE_BEFORE, score("ann", 1, 10));
        w.write(RowKind.UPDATE_AFTER, score("ann", 1, 12));
        w.write(RowKind.DELETE, score("bob", 1, 7));
        w.write(RowKind.INSERT, score("bob", 2, 1));
        w.finish();

        assertThat(scores("upserts")).containsExactly(
                List.of("ann", 1, 12L), List.of("bob", 2, 1L), List.of("cid", 1, 3L));
    }

    @Test
    void shouldKeepTheLastChangePerKeyWithinTheBuffer() throws Exception {
        createScores("reduced", true);
        SinkWriter w = open("reduced", List.of("player", "game"), "sink.buffer-flush.interval", "0");
        w.write(RowKind.INSERT, score("ann", 1, 1));
        w.write(RowKind.UPDATE_AFTER, score("ann", 1, 2));
        w.write(RowKind.DELETE, score("ann", 1, 2));
        w.write(RowKind.INSERT, score("bob", 1, 1));
        w.write(RowKind.DELETE, score("bob", 1, 1));
        w.write(RowKind.INSERT, score("bob", 1, 5));
        w.finish();

        assertThat(scores("reduced")).containsExactly(List.of("bob", 1, 5L));
    }

    @Test
    void shouldAppendWithoutPrimaryKey() throws Exception {
        createScores("appended", false);
        SinkWriter w = open("appended", List.of());
        w.write(RowKind.INSERT, score("ann", 1, 10));
        w.write(RowKind.INSERT, score("ann", 1, 10));
        w.write(RowKind.INSERT, score("bob", 1, 3));
        w.finish();

        assertThat(scores("appended")).containsExactly(
                List.of("ann", 1, 10L), List.of("ann", 1, 10L), List.of("bob", 1, 3L));
    }

    @Test
    void shouldRefuseUpdatesWithoutPrimaryKey() throws Exception {
        createScores("append_only", false);
        SinkWriter w = open("append_only", List.of());

        assertThatThrownBy(() -> w.write(RowKind.DELETE, score("ann", 1, 10)))
                .isInstanceOf(SluiceException.class)
                .hasMessageContaining("Table 'append_only'")
                .hasMessageContaining("cannot apply -D rows")
                .hasMessageContaining("PRIMARY KEY");
    }

    @Test
    void shouldFlushWhenMaxRowsAreBuffered() throws Exception {
        createScores("by_rows", false);
        SinkWriter w = open("by_rows", List.of(), "sink.buffer-flush.max-rows", "3",
                "sink.buffer-flush.interval", "0");
        w.write(RowKind.INSERT, score("a", 1, 1));
        w.write(RowKind.INSERT, score("b", 1, 1));
        assertThat(scores("by_rows")).isEmpty();

        w.write(RowKind.INSERT, score("c", 1, 1));
        assertThat(scores("by_rows")).hasSize(3);

        w.write(RowKind.INSERT, score("d", 1, 1));
        assertThat(scores("by_rows")).hasSize(3);
        w.snapshotState(1);
        assertThat(scores("by_rows")).as("a checkpoint flushes").hasSize(4);
    }

    @Test
    void shouldFlushAfterTheIntervalWithoutFurtherRows() throws Exception {
        createScores("by_time", false);
        SinkWriter w = open("by_time", List.of(), "sink.buffer-flush.interval", "100 ms");
        w.write(RowKind.INSERT, score("a", 1, 1));

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (scores("by_time").isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(scores("by_time")).containsExactly(List.of("a", 1, 1L));
    }

    @Test
    void shouldNotFlushAtCheckpointsWithGuaranteeNone() throws Exception {
        createScores("unguarded", false);
        SinkWriter w = open("unguarded", List.of(), "sink.delivery-guarantee", "none",
                "sink.buffer-flush.interval", "0");
        w.write(RowKind.INSERT, score("a", 1, 1));
        w.snapshotState(1);
        assertThat(scores("unguarded")).isEmpty();
        w.finish();
        assertThat(scores("unguarded")).hasSize(1);
    }

    @Test
    void shouldReconnectAndRetryWhenTheConnectionIsLost() throws Exception {
        createScores("retried", true);
        SinkWriter w = open("retried", List.of("player", "game"), "sink.buffer-flush.interval", "0");
        w.write(RowKind.INSERT, score("ann", 1, 1));
        w.snapshotState(1);
        execute(url, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                + " WHERE datname = current_database() AND pid <> pg_backend_pid()");
        w.write(RowKind.INSERT, score("bob", 1, 2));
        w.finish();

        assertThat(scores("retried")).containsExactly(List.of("ann", 1, 1L), List.of("bob", 1, 2L));
    }

    @Test
    void shouldQuoteIdentifiersAndWriteIntoASchema() throws Exception {
        execute(url, "CREATE SCHEMA IF NOT EXISTS game", "DROP TABLE IF EXISTS game.\"High Scores\"",
                "CREATE TABLE game.\"High Scores\" (player TEXT, game INTEGER, score BIGINT,"
                        + " PRIMARY KEY (player, game))");
        SinkWriter w = open("game.High Scores", List.of("player", "game"));
        w.write(RowKind.INSERT, score("ann", 1, 1));
        w.write(RowKind.UPDATE_AFTER, score("ann", 1, 2));
        w.finish();

        assertThat(query(url, "SELECT * FROM game.\"High Scores\"")).containsExactly(List.of("ann", 1, 2L));
    }

    @Test
    void shouldNameTableAndDatabaseTableWhenTheTableIsMissing() throws Exception {
        SinkWriter w = open("no_such_table", List.of(), "sink.max-retries", "1");
        w.write(RowKind.INSERT, score("ann", 1, 1));

        assertThatThrownBy(w::finish)
                .isInstanceOf(SluiceException.class)
                .hasMessageContaining("Table 'no_such_table' (jdbc table 'no_such_table' at '" + url + "')")
                .hasMessageContaining("cannot write 1 rows")
                .hasMessageContaining("does not exist")
                .hasMessageNotContaining("attempts");
    }

    @Test
    void shouldNameTableAndUrlWhenTheDatabaseCannotBeReached() {
        String unreachable = "jdbc:postgresql://127.0.0.1:1/nowhere?connectTimeout=2&password=secret";
        TableSink sink = sink("scores", SCORES, List.of(), options("url", unreachable, "table-name", "scores"));
        SinkWriter w = sink.createWriter(0, 1);

        assertThatThrownBy(() -> w.open(context(0, 1, "s", List.of(), false)))
                .isInstanceOf(SluiceException.class)
                .satisfies(e -> assertThat(((SluiceException) e).code()).isEqualTo(ErrorCode.EXTERNAL_ERROR))
                .hasMessageStartingWith("Table 'scores' (jdbc table 'scores' at "
                        + "'jdbc:postgresql://127.0.0.1:1/nowhere?connectTimeout=2&password=***'): cannot connect")
                .hasMessageNotContaining("secret");
    }

    @Test
    void shouldSayWhenNoDriverTakesTheUrl() {
        TableSink sink = sink("scores", SCORES, List.of(),
                options("url", "jdbc:nosuchdb://localhost/x", "table-name", "scores"));
        SinkWriter w = sink.createWriter(0, 1);

        assertThatThrownBy(() -> w.open(context(0, 1, "s", List.of(), false)))
                .hasMessageContaining("Table 'scores'")
                .hasMessageContaining("no JDBC driver on the class path accepts the URL 'jdbc:nosuchdb://localhost/x'");
    }
}
