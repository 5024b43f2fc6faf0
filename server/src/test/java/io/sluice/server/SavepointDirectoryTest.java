package io.sluice.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.executor.runtime.JobStatus;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** 'state.savepoints.dir', Flink's option: where STOP JOB … WITH SAVEPOINT writes. */
class SavepointDirectoryTest {
    @TempDir
    Path dir;

    @Test
    @Timeout(60)
    void shouldWriteTheSavepointUnderStateSavepointsDirByJobName() throws Exception {
        Path savepoints = dir.resolve("my-savepoints");
        try (SqlTestRunner sql = new SqlTestRunner()) {
            List<StatementResult> results = sql.session().executeScript(""
                    + "SET 'execution.checkpointing.interval' = '100 ms';\n"
                    + "SET 'state.dir' = '" + dir.resolve("state") + "';\n"
                    + "SET 'state.savepoints.dir' = '" + savepoints + "';\n"
                    + "CREATE TABLE gen (id BIGINT) WITH ('connector' = 'datagen', 'fields.id.kind' = 'sequence',\n"
                    + "  'fields.id.start' = '1', 'fields.id.end' = '1000000', 'rows-per-second' = '1000');\n"
                    + "CREATE TABLE sink_blackhole (id BIGINT) WITH ('connector' = 'blackhole');\n"
                    + "INSERT INTO sink_blackhole SELECT id FROM gen;");
            RunningJob job = ((StatementResult.JobStarted) results.get(results.size() - 1)).job();
            while (job.metrics().completedCheckpoints() < 1) {
                Thread.sleep(20);
            }
            String stopped = ((StatementResult.Message) sql.session()
                    .executeScript("STOP JOB 'insert-into_sink_blackhole' WITH SAVEPOINT").get(0)).text();
            String savepoint = stopped.substring(stopped.indexOf(" at ") + 4, stopped.indexOf(". To resume"));
            assertThat(Path.of(savepoint)).startsWith(savepoints.resolve("insert-into_sink_blackhole"));
            assertThat(Path.of(savepoint).resolve("_metadata")).exists();
            assertThat(job.await().status()).isEqualTo(JobStatus.CANCELED);
        }
    }
}
