package io.sluice.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.executor.error.SluiceException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The statements of a session other than queries: catalog, settings, EXPLAIN, statement sets. */
class SessionStatementsTest {
    private static final String GEN = "CREATE TABLE gen (id BIGINT, ts AS TO_TIMESTAMP_LTZ(id * 1000, 3),\n"
            + "  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)\n"
            + "WITH ('connector' = 'datagen', 'fields.id.kind' = 'sequence', 'fields.id.start' = '0',\n"
            + "      'fields.id.end' = '99', 'rows-per-second' = '100000')";

    @TempDir
    Path dir;

    @Test
    void tumbleOverGeneratedSequence() throws Exception {
        try (SqlTestRunner sql = new SqlTestRunner()) {
            sql.run("SET 'parallelism.default' = '2';\n" + GEN);
            List<String> rows = sql.query("SELECT window_start, COUNT(*) AS cnt, SUM(id) FROM TABLE(TUMBLE(TABLE gen, "
                    + "DESCRIPTOR(ts), INTERVAL '10' SECOND)) GROUP BY window_start, window_end");
            assertThat(rows).containsExactlyInAnyOrder("+I[0, 10, 45]", "+I[10000, 10, 145]", "+I[20000, 10, 245]",
                    "+I[30000, 10, 345]", "+I[40000, 10, 445]", "+I[50000, 10, 545]", "+I[60000, 10, 645]",
                    "+I[70000, 10, 745]", "+I[80000, 10, 845]", "+I[90000, 10, 945]");
        }
    }

    @Test
    void showDescribeAndDrop() throws Exception {
        try (SqlTestRunner sql = new SqlTestRunner()) {
            List<StatementResult> results = sql.run(GEN + ";\n"
                    + "CREATE VIEW evens AS SELECT id FROM gen WHERE MOD(id, 2) = 0;\n"
                    + "SHOW TABLES; SHOW VIEWS; DESCRIBE gen;");
            assertThat(((StatementResult.Message) results.get(0)).text()).isEqualTo("[INFO] Table 'gen' has been created.");
            assertThat(((StatementResult.Table) results.get(2)).rows()).containsExactly(List.of("gen"));
            assertThat(((StatementResult.Table) results.get(3)).rows()).containsExactly(List.of("evens"));
            StatementResult.Table describe = (StatementResult.Table) results.get(4);
            assertThat(describe.columns()).containsExactly("name", "type", "null", "key", "extras", "watermark");
            assertThat(describe.rows()).containsExactly(
                    List.of("id", "BIGINT", "TRUE", "", "", ""),
                    List.of("ts", "TIMESTAMP_LTZ(3)", "TRUE", "", "AS TO_TIMESTAMP_LTZ(id * 1000, 3)",
                            "ts - INTERVAL '1' SECOND"));
            assertThatThrownBy(() -> sql.run("DROP TABLE evens"))
                    .isInstanceOf(SluiceException.class)
                    .hasMessage("Table 'evens' does not exist (it is a view: use DROP VIEW)");
            sql.run("DROP VIEW evens; DROP TABLE IF EXISTS nothing; DROP TABLE gen");
            assertThat(((StatementResult.Table) sql.run("SHOW TABLES").get(0)).rows()).isEmpty();
        }
    }

    @Test
    void setValidatesAndResetForgets() throws Exception {
        try (SqlTestRunner sql = new SqlTestRunner()) {
            assertThatThrownBy(() -> sql.run("SET 'parallelism.default' = 'many'"))
                    .hasMessage("'parallelism.default' must be an integer from 1 to 128, but is 'many'");
            sql.run("SET 'parallelism.default' = '3'; SET 'pipeline.name' = 'nightly'");
            assertThat(sql.session().settings()).containsEntry("parallelism.default", "3");
            StatementResult.Table all = (StatementResult.Table) sql.run("SET").get(0);
            assertThat(all.rows()).containsExactly(List.of("parallelism.default", "3"), List.of("pipeline.name", "nightly"));
            sql.run("RESET 'pipeline.name'");
            assertThat(sql.session().settings()).doesNotContainKey("pipeline.name");
        }
    }

    @Test
    void explainShowsPhysicalPlanAndJobGraphWithoutRunning() throws Exception {
        try (SqlTestRunner sql = new SqlTestRunner()) {
            sql.run(GEN + "; CREATE TABLE sink1 (id BIGINT) WITH ('connector' = 'blackhole')");
            String plan = ((StatementResult.Explain) sql.run("EXPLAIN INSERT INTO sink1 SELECT id FROM gen").get(0)).plan();
            assertThat(plan).contains("== Physical Plan ==", "StreamSink(table=[sink1]", "== Job Graph ==");
            assertThat(sql.session().executeScript("SHOW JOBS")).singleElement()
                    .isInstanceOfSatisfying(StatementResult.Table.class, t -> assertThat(t.rows()).isEmpty());
        }
    }

    @Test
    void statementSetRunsItsInsertsAsOneJob() throws Exception {
        try (SqlTestRunner sql = new SqlTestRunner()) {
            String sinks = "CREATE TABLE small (id BIGINT) WITH ('connector' = 'filesystem', 'path' = '"
                    + dir.resolve("small") + "', 'format' = 'csv');\n"
                    + "CREATE TABLE big (id BIGINT) WITH ('connector' = 'filesystem', 'path' = '"
                    + dir.resolve("big") + "', 'format' = 'csv');\n";
            List<StatementResult> results = sql.run(GEN + ";\n" + sinks
                    + "EXECUTE STATEMENT SET BEGIN\n"
                    + "  INSERT INTO small SELECT id FROM gen WHERE id < 10;\n"
                    + "  INSERT INTO big SELECT id FROM gen WHERE id >= 90;\n"
                    + "END;");
            RunningJob job = ((StatementResult.JobStarted) results.get(3)).job();
            assertThat(job.name()).isEqualTo("insert-into_small,big");
            assertThat(SqlTestRunner.committedLines(dir.resolve("small"))).hasSize(10);
            assertThat(SqlTestRunner.committedLines(dir.resolve("big"))).containsExactlyInAnyOrder("90", "91", "92", "93", "94", "95",
                    "96", "97", "98", "99");
            assertThat(((StatementResult.Table) sql.run("SHOW JOBS").get(0)).rows())
                    .singleElement().satisfies(row -> assertThat(row.get(2)).isEqualTo("FINISHED"));
        }
    }
}
