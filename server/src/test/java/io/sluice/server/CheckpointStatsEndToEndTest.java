package io.sluice.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.executor.checkpoint.CheckpointStats;
import io.sluice.executor.runtime.JobStatus;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Each completed checkpoint is counted and measured, and SHOW JOBS shows the last one. */
class CheckpointStatsEndToEndTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} state")
    @ValueSource(strings = {"hashmap", "rocksdb"})
    @Timeout(60)
    void shouldMeasureEveryCheckpointAndShowTheLastInShowJobs(String backend) throws Exception {
        try (SqlTestRunner sql = new SqlTestRunner()) {
            List<StatementResult> results = sql.session().executeScript(""
                    + "SET 'parallelism.default' = '2';\n"
                    + "SET 'execution.checkpointing.interval' = '100 ms';\n"
                    + "SET 'state.backend' = '" + backend + "';\n"
                    + "CREATE TABLE gen (id BIGINT, k AS MOD(id, 1000), ts AS TO_TIMESTAMP_LTZ(id, 3),\n"
                    + "  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)\n"
                    + "WITH ('connector' = 'datagen', 'fields.id.kind' = 'sequence', 'fields.id.start' = '1',\n"
                    + "      'fields.id.end' = '30000', 'rows-per-second' = '30000');\n"
                    + "CREATE TABLE results (k BIGINT, cnt BIGINT) WITH ('connector' = 'blackhole');\n"
                    + "INSERT INTO results SELECT k, COUNT(*)\n"
                    + "FROM TABLE(TUMBLE(TABLE gen, DESCRIPTOR(ts), INTERVAL '10' SECOND))\n"
                    + "GROUP BY k, window_start, window_end;");
            RunningJob job = ((StatementResult.JobStarted) results.get(results.size() - 1)).job();

            long seen = 0;
            while (seen < 2 && !job.status().isTerminal()) {
                long count = job.metrics().completedCheckpoints();
                assertThat(count).as("checkpoints only ever add up").isGreaterThanOrEqualTo(seen);
                seen = count;
                Thread.sleep(10);
            }
            assertThat(job.await().status()).isEqualTo(JobStatus.FINISHED);

            long count = job.metrics().completedCheckpoints();
            assertThat(count).isGreaterThanOrEqualTo(2);
            CheckpointStats last = job.metrics().lastCheckpoint().orElseThrow();
            assertThat(last.id()).isEqualTo(job.metrics().lastCheckpointId()).isGreaterThanOrEqualTo(count);
            assertThat(last.writtenBytes()).as("the metadata file at least").isPositive();
            assertThat(last.totalBytes()).isGreaterThanOrEqualTo(last.writtenBytes());
            assertThat(last.durationMillis()).isNotNegative();
            assertThat(last.maxAlignmentMillis()).isNotNegative().isLessThanOrEqualTo(last.durationMillis());
            assertThat(last.maxSnapshotMillis()).isNotNegative().isLessThanOrEqualTo(last.durationMillis());
            assertThat(last.completedAt()).isBeforeOrEqualTo(Instant.now()).isAfterOrEqualTo(job.startTime());

            StatementResult.Table jobs = (StatementResult.Table) sql.run("SHOW JOBS").get(0);
            assertThat(jobs.columns()).containsSubsequence("status", "checkpoints", "last checkpoint",
                    "last checkpoint time", "last checkpoint duration ms", "last checkpoint bytes", "restarts");
            List<String> row = jobs.rows().get(0);
            assertThat(value(jobs, row, "status")).isEqualTo("FINISHED");
            assertThat(value(jobs, row, "checkpoints")).isEqualTo(Long.toString(count));
            assertThat(value(jobs, row, "last checkpoint")).isEqualTo(Long.toString(last.id()));
            assertThat(Instant.parse(value(jobs, row, "last checkpoint time"))).isAfterOrEqualTo(job.startTime());
            assertThat(Long.parseLong(value(jobs, row, "last checkpoint duration ms"))).isEqualTo(last.durationMillis());
            assertThat(Long.parseLong(value(jobs, row, "last checkpoint bytes"))).isEqualTo(last.writtenBytes());
            assertThat(value(jobs, row, "restarts")).isEqualTo("0");
        }
    }

    private static String value(StatementResult.Table table, List<String> row, String column) {
        return row.get(table.columns().indexOf(column));
    }
}
