package io.sluice.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import io.sluice.executor.runtime.JobResult;
import io.sluice.executor.runtime.JobStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Late rows, malformed records and user mistakes: counted, skipped or reported clearly — never silently lost. */
class BadInputEndToEndTest {
    @TempDir
    Path dir;

    private String table(Path file, String extraOptions) {
        return "SET 'parallelism.default' = '1';\n"
                + "CREATE TABLE events (id INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)\n"
                + "WITH ('connector' = 'filesystem', 'path' = '" + file + "', 'format' = 'json'" + extraOptions + ");\n";
    }

    private static String event(int id, String time) {
        return "{\"id\": " + id + ", \"ts\": \"2024-01-01 00:00:" + time + "\"}\n";
    }

    @Test
    void lateRowsAreDroppedAndCounted() throws Exception {
        Path file = dir.resolve("events.json");
        // the watermark reaches 00:00:11 after id 3, so id 4 (00:00:05) arrives after its window fired
        Files.writeString(file, event(1, "01") + event(2, "03") + event(3, "12") + event(4, "05") + event(5, "13"));
        try (SqlTestRunner sql = new SqlTestRunner()) {
            sql.run(table(file, ", 'scan.watermark.emit.strategy' = 'on-event'"));
            List<StatementResult> results = sql.session().executeScript(
                    "SELECT window_start, COUNT(*) FROM TABLE(TUMBLE(TABLE events, DESCRIPTOR(ts), INTERVAL '10' SECOND)) "
                            + "GROUP BY window_start, window_end");
            StatementResult.Query query = (StatementResult.Query) results.get(0);
            List<String> rows = SqlTestRunner.drain(query);
            assertThat(rows).containsExactly("+I[1704067200000, 2]", "+I[1704067210000, 2]");
            assertThat(query.job().metrics().lateRowsDropped().sum()).isEqualTo(1);
        }
    }

    @Test
    void malformedJsonFailsTheJobNamingFileAndLine() throws Exception {
        Path file = dir.resolve("events.json");
        Files.writeString(file, event(1, "01") + "{\"id\": \"one\", \"ts\": \"2024-01-01 00:00:02\"}\n" + event(3, "03"));
        try (SqlTestRunner sql = new SqlTestRunner()) {
            sql.run(table(file, ""));
            StatementResult.Query query = (StatementResult.Query) sql.session().executeScript(
                    "SELECT id FROM events").get(0);
            SqlTestRunner.drain(query);
            JobResult result = query.job().await();
            assertThat(result.status()).isEqualTo(JobStatus.FAILED);
            SluiceException failure = (SluiceException) result.failure().orElseThrow();
            assertThat(failure.code()).isEqualTo(ErrorCode.MALFORMED_RECORD);
            assertThat(failure.getMessage()).contains("Table 'events'").contains(file + " line 2").contains("'one'");
        }
    }

    @Test
    void malformedJsonIsSkippedAndCountedWhenConfigured() throws Exception {
        Path file = dir.resolve("events.json");
        Files.writeString(file, event(1, "01") + "{not json\n" + event(3, "03"));
        try (SqlTestRunner sql = new SqlTestRunner()) {
            sql.run(table(file, ", 'json.ignore-parse-errors' = 'true'"));
            StatementResult.Query query = (StatementResult.Query) sql.session().executeScript(
                    "SELECT id FROM events").get(0);
            assertThat(SqlTestRunner.drain(query)).containsExactly("+I[1]", "+I[3]");
            assertThat(query.job().metrics().malformedRowsSkipped().sum()).isEqualTo(1);
        }
    }

    @Test
    void wrongColumnNameInAScriptNamesItsLineAndColumn() throws Exception {
        Path file = dir.resolve("events.json");
        Files.writeString(file, event(1, "01"));
        try (SqlTestRunner sql = new SqlTestRunner()) {
            String script = table(file, "") + "SELECT id,\n  tss FROM events;";
            assertThatThrownBy(() -> sql.session().executeScript(script))
                    .isInstanceOf(SluiceException.class)
                    .hasMessage("line 5, column 3: Column 'tss' not found in any table");
        }
    }
}
