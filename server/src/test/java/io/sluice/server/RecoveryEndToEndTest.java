package io.sluice.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.executor.checkpoint.FaultInjection;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A task fails once mid-run (an injected exception); the job restarts in-process from its latest
 * checkpoint and commits exactly the rows an uninterrupted run would.
 */
class RecoveryEndToEndTest {
    private static final int ROWS = 60_000;

    @TempDir
    Path dir;

    @AfterEach
    void disarm() {
        FaultInjection.failOnceAfterRows(-1);
    }

    @ParameterizedTest(name = "{0} state")
    @ValueSource(strings = {"hashmap", "rocksdb"})
    @Timeout(120)
    void failedTaskRestartsFromCheckpointWithExactlyTheExpectedOutput(String backend) throws Exception {
        Path output = dir.resolve("out");
        FaultInjection.failOnceAfterRows(ROWS / 4);
        try (SqlTestRunner sql = new SqlTestRunner()) {
            List<StatementResult> results = sql.session().executeScript(""
                    + "SET 'parallelism.default' = '2';\n"
                    + "SET 'execution.checkpointing.interval' = '100 ms';\n"
                    + "SET 'restart-strategy.type' = 'fixed-delay';\n"
                    + "SET 'restart-strategy.fixed-delay.delay' = '100 ms';\n"
                    + "SET 'state.backend' = '" + backend + "';\n"
                    + "CREATE TABLE gen (id BIGINT, k AS MOD(id, 7), ts AS TO_TIMESTAMP_LTZ(id * 10, 3),\n"
                    + "  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)\n"
                    + "WITH ('connector' = 'datagen', 'fields.id.kind' = 'sequence', 'fields.id.start' = '1',\n"
                    + "      'fields.id.end' = '" + ROWS + "', 'rows-per-second' = '40000');\n"
                    + "CREATE TABLE results (k BIGINT, window_start TIMESTAMP(3), cnt BIGINT, total BIGINT)\n"
                    + "WITH ('connector' = 'filesystem', 'path' = '" + output + "', 'format' = 'csv');\n"
                    + "INSERT INTO results SELECT k, window_start, COUNT(*), SUM(id)\n"
                    + "FROM TABLE(TUMBLE(TABLE gen, DESCRIPTOR(ts), INTERVAL '1' SECOND))\n"
                    + "GROUP BY k, window_start, window_end;");
            RunningJob job = ((StatementResult.JobStarted) results.get(results.size() - 1)).job();
            assertThat(job.await().status()).isEqualTo(io.sluice.executor.runtime.JobStatus.FINISHED);
            assertThat(job.metrics().restarts().sum()).as("restarts").isEqualTo(1);
            assertThat(job.metrics().completedCheckpoints()).isGreaterThan(1);
        }
        assertThat(committed(output)).containsExactlyInAnyOrderElementsOf(expected());
    }

    @ParameterizedTest(name = "{0} state")
    @ValueSource(strings = {"hashmap", "rocksdb"})
    @Timeout(120)
    void savepointTakenAtParallelismTwoRestoresAtFour(String backend) throws Exception {
        Path output = dir.resolve("out");
        String table = "SET 'execution.checkpointing.interval' = '100 ms';\n"
                + "SET 'state.dir' = '" + dir.resolve("state") + "';\n"
                + "SET 'state.backend' = '" + backend + "';\n"
                + "CREATE TABLE gen (id BIGINT, k AS MOD(id, 7), ts AS TO_TIMESTAMP_LTZ(id * 10, 3),\n"
                + "  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)\n"
                + "WITH ('connector' = 'datagen', 'fields.id.kind' = 'sequence', 'fields.id.start' = '1',\n"
                + "      'fields.id.end' = '" + ROWS + "', 'rows-per-second' = '20000');\n"
                + "CREATE TABLE results (k BIGINT, window_start TIMESTAMP(3), cnt BIGINT, total BIGINT)\n"
                + "WITH ('connector' = 'filesystem', 'path' = '" + output + "', 'format' = 'csv');\n";
        String insert = "INSERT INTO results SELECT k, window_start, COUNT(*), SUM(id)\n"
                + "FROM TABLE(TUMBLE(TABLE gen, DESCRIPTOR(ts), INTERVAL '1' SECOND))\n"
                + "GROUP BY k, window_start, window_end";
        try (SqlTestRunner sql = new SqlTestRunner()) {
            List<StatementResult> first = sql.session().executeScript("SET 'parallelism.default' = '2';\n" + table + insert);
            RunningJob job = ((StatementResult.JobStarted) first.get(first.size() - 1)).job();
            while (job.metrics().completedCheckpoints() < 3) {
                Thread.sleep(20);
            }
            String stopped = ((StatementResult.Message) sql.session()
                    .executeScript("STOP JOB 'insert-into_results' WITH SAVEPOINT").get(0)).text();
            assertThat(stopped).startsWith("[INFO] Job 'insert-into_results' stopped with a savepoint at ");
            String savepoint = stopped.substring(stopped.indexOf(" at ") + 4, stopped.indexOf(". To resume"));
            assertThat(job.await().status()).isEqualTo(io.sluice.executor.runtime.JobStatus.CANCELED);
            long rowsBeforeStop = job.metrics().rowsIn().sum();
            assertThat(rowsBeforeStop).as("stopped midway").isLessThan(ROWS);

            List<StatementResult> second = sql.session().executeScript("SET 'parallelism.default' = '4';\n"
                    + "SET 'execution.savepoint.path' = '" + savepoint + "';\n" + insert);
            RunningJob resumed = ((StatementResult.JobStarted) second.get(second.size() - 1)).job();
            assertThat(resumed.restoredCheckpoint()).isPresent();
            assertThat(resumed.await().status()).isEqualTo(io.sluice.executor.runtime.JobStatus.FINISHED);
            assertThat(resumed.metrics().rowsIn().sum()).as("rows read after the savepoint")
                    .isLessThanOrEqualTo(ROWS - rowsBeforeStop + 10_000);
        }
        assertThat(committed(output)).containsExactlyInAnyOrderElementsOf(expected());
    }

    /** (k, window start millis, count, sum) computed directly from the id sequence. */
    private static List<String> expected() {
        Map<String, long[]> windows = new TreeMap<>();
        for (long id = 1; id <= ROWS; id++) {
            long start = id * 10 / 1000 * 1000;
            long[] acc = windows.computeIfAbsent(id % 7 + "," + start, key -> new long[2]);
            acc[0]++;
            acc[1] += id;
        }
        List<String> rows = new ArrayList<>();
        windows.forEach((key, acc) -> rows.add(key + "," + acc[0] + "," + acc[1]));
        return rows;
    }

    private static List<String> committed(Path output) throws Exception {
        DateTimeFormatter format = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.SSS]");
        List<String> rows = new ArrayList<>();
        for (String line : SqlTestRunner.committedLines(output)) {
            String[] fields = line.split(",");
            long start = LocalDateTime.parse(fields[1].replace("\"", ""), format)
                    .toInstant(ZoneOffset.UTC).toEpochMilli();
            rows.add(fields[0] + "," + start + "," + fields[2] + "," + fields[3]);
        }
        return rows;
    }
}
