package io.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code bin/sluice -f} on a window aggregation into an exactly-once {@code jdbc} table in a
 * real PostgreSQL (embedded, started by this test), kills it with SIGKILL at each crash window of
 * the sink protocol and at random moments, starts it again with the same command each time, and
 * checks the table against the result computed here from the generator's definition.
 *
 * <p>Upserts would hide a commit applied twice in the table, so triggers log every row written to
 * the result table and every change of the progress table: each window row must have been written
 * exactly once, and each sink subtask must have committed each checkpoint at most once.
 */
@Tag("integration")
class JdbcExactlyOnceCrashIT {
    private static final int RANDOM_KILLS = 10;
    private static final long LAST_ID = 200_000;
    private static final List<String> CRASH_POINTS = List.of("before-sink-commit", "during-sink-commit",
            "after-sink-commit", "after-metadata");

    private static EmbeddedPostgres postgres;
    private static String url;

    @TempDir
    Path dir;

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = EmbeddedPostgres.builder().setPGStartupWait(Duration.ofSeconds(60)).start();
        execute(postgres.getJdbcUrl("postgres", "postgres"), "CREATE DATABASE crash");
        url = postgres.getJdbcUrl("postgres", "crash");
        execute(url,
                "CREATE TABLE results (k BIGINT, window_start TIMESTAMP(3), cnt BIGINT, total BIGINT,"
                        + " PRIMARY KEY (k, window_start))",
                "CREATE TABLE results_log (k BIGINT, window_start TIMESTAMP(3))",
                "CREATE FUNCTION log_result() RETURNS trigger AS $$ BEGIN"
                        + " INSERT INTO results_log VALUES (NEW.k, NEW.window_start); RETURN NEW; END $$"
                        + " LANGUAGE plpgsql",
                "CREATE TRIGGER log_result AFTER INSERT OR UPDATE ON results FOR EACH ROW"
                        + " EXECUTE FUNCTION log_result()",
                // the progress table as the sink creates it, made here first to log its changes
                "CREATE TABLE sluice_sink_progress (sink_id VARCHAR(255) NOT NULL, subtask INTEGER NOT NULL,"
                        + " run_id VARCHAR(64) NOT NULL, checkpoint_id BIGINT NOT NULL,"
                        + " committed_at TIMESTAMP NOT NULL, PRIMARY KEY (sink_id, subtask))",
                "CREATE TABLE progress_log (sink_id VARCHAR(255), subtask INTEGER, run_id VARCHAR(64),"
                        + " checkpoint_id BIGINT)",
                "CREATE FUNCTION log_progress() RETURNS trigger AS $$ BEGIN"
                        + " INSERT INTO progress_log VALUES (NEW.sink_id, NEW.subtask, NEW.run_id, NEW.checkpoint_id);"
                        + " RETURN NEW; END $$ LANGUAGE plpgsql",
                "CREATE TRIGGER log_progress AFTER INSERT OR UPDATE ON sluice_sink_progress FOR EACH ROW"
                        + " EXECUTE FUNCTION log_progress()");
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        if (postgres != null) {
            postgres.close();
        }
    }

    private static String pipeline() {
        return "SET 'parallelism.default' = '2';\n"
                + "SET 'execution.checkpointing.interval' = '200 ms';\n"
                + "SET 'table.local-time-zone' = 'UTC';\n"
                + "CREATE TABLE gen (id BIGINT, k AS MOD(id, 7), ts AS TO_TIMESTAMP_LTZ(id * 10, 3),\n"
                + "  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)\n"
                + "WITH ('connector' = 'datagen', 'fields.id.kind' = 'sequence', 'fields.id.start' = '1',\n"
                + "      'fields.id.end' = '" + LAST_ID + "', 'rows-per-second' = '20000');\n"
                + "CREATE TABLE results (k BIGINT, window_start TIMESTAMP(3), cnt BIGINT, total BIGINT,\n"
                + "  PRIMARY KEY (k, window_start) NOT ENFORCED)\n"
                + "WITH ('connector' = 'jdbc', 'url' = '" + url + "', 'table-name' = 'results',\n"
                + "      'sink.delivery-guarantee' = 'exactly-once');\n"
                + "INSERT INTO results\n"
                + "SELECT k, window_start, COUNT(*), SUM(id)\n"
                + "FROM TABLE(TUMBLE(TABLE gen, DESCRIPTOR(ts), INTERVAL '1' SECOND))\n"
                + "GROUP BY k, window_start, window_end;\n";
    }

    /** Ids 1..LAST_ID, 10 ms apart: id i falls into the window of second i / 100, with key i % 7. */
    private static Map<String, String> expectedTable() {
        Map<String, long[]> windows = new TreeMap<>();
        for (long id = 1; id <= LAST_ID; id++) {
            long[] aggregate = windows.computeIfAbsent((id % 7) + "@" + (id / 100), key -> new long[2]);
            aggregate[0]++;
            aggregate[1] += id;
        }
        Map<String, String> expected = new TreeMap<>();
        windows.forEach((key, aggregate) -> expected.put(key, aggregate[0] + "," + aggregate[1]));
        return expected;
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void killedAtRandomAndAtEveryCrashWindowTheTableIsExactlyOnce() throws Exception {
        Map<String, String> expected = expectedTable();
        Path sql = dir.resolve("pipeline.sql");
        Files.writeString(sql, pipeline());
        Path state = dir.resolve("state");
        Random random = new Random(20261124);
        List<String> log = new ArrayList<>();
        int kills = 0;
        for (String point : CRASH_POINTS) {
            long checkpoint = SluiceProcess.newestCheckpoint(state) + 2;
            SluiceProcess.Result result = SluiceProcess.run(sql, state, Map.of("SLUICE_CRASH_AT", point + ":" + checkpoint), -1);
            log.add(point + " at checkpoint " + checkpoint + ": exit " + result.exitCode() + " " + result.lastLines());
            assertThat(result.exitCode()).as("the run crashing at %s (%s)", point, log).isEqualTo(137);
            kills++;
            assertCommittedSoFar(expected, log);
        }
        for (int i = 0; i < RANDOM_KILLS; i++) {
            SluiceProcess.Result result = SluiceProcess.run(sql, state, Map.of(), 700 + random.nextInt(1000));
            assertThat(result.killed()).as("run %s ended before it could be killed (%s)", i, log).isTrue();
            kills++;
            log.add("random kill " + i + " after checkpoint " + SluiceProcess.newestCheckpoint(state));
            assertCommittedSoFar(expected, log);
        }
        SluiceProcess.Result last = SluiceProcess.run(sql, state, Map.of(), -1);
        assertThat(last.exitCode()).as("the final run (%s): %s", log, last.lastLines()).isZero();

        assertThat(kills).isGreaterThanOrEqualTo(RANDOM_KILLS + CRASH_POINTS.size());
        assertThat(table()).as("the table after %s kills (%s)", kills, log).isEqualTo(expected);
        assertThat(query("SELECT COUNT(*) FROM results_log")).as("every window row written once")
                .containsExactly(List.of(String.valueOf(expected.size())));
        assertNoCheckpointCommittedTwice();
        assertThat(query("SELECT COUNT(DISTINCT subtask) FROM sluice_sink_progress"))
                .containsExactly(List.of("2"));
    }

    /** What is visible now is part of the final table, and no row or checkpoint was committed twice. */
    private static void assertCommittedSoFar(Map<String, String> expected, List<String> log) throws SQLException {
        Map<String, String> visible = table();
        assertThat(expected).as("visible rows (%s)", log).containsAllEntriesOf(visible);
        assertThat(query("SELECT k, window_start FROM results_log GROUP BY k, window_start HAVING COUNT(*) > 1"))
                .as("window rows written twice (%s)", log).isEmpty();
        assertNoCheckpointCommittedTwice();
    }

    private static void assertNoCheckpointCommittedTwice() throws SQLException {
        assertThat(query("SELECT sink_id, subtask, checkpoint_id FROM progress_log"
                + " GROUP BY sink_id, subtask, checkpoint_id HAVING COUNT(*) > 1"))
                .as("checkpoints committed twice").isEmpty();
    }

    /** The result table as "k@second" to "count,sum". */
    private static Map<String, String> table() throws SQLException {
        Map<String, String> rows = new TreeMap<>();
        for (List<String> row : query("SELECT k, EXTRACT(EPOCH FROM window_start)::BIGINT, cnt, total FROM results")) {
            rows.put(row.get(0) + "@" + row.get(1), row.get(2) + "," + row.get(3));
        }
        return rows;
    }

    private static List<List<String>> query(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url);
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            List<List<String>> rows = new ArrayList<>();
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    row.add(result.getString(i));
                }
                rows.add(row);
            }
            return rows;
        }
    }

    private static void execute(String jdbcUrl, String... statements) throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl);
                Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }
}
