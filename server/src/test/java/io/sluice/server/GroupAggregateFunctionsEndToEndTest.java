package io.sluice.server;

import static io.sluice.server.ChangelogReplay.replay;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * LISTAGG, FIRST_VALUE, LAST_VALUE and COUNT(DISTINCT …) FILTER end to end, in a GROUP BY over
 * inserts, a GROUP BY over an updating input, and a TUMBLE window, at parallelism 1 and 4. The
 * input is one file, read in order, so the arrival order within each key is the file's; expected
 * results are worked out by hand from the rows below.
 */
class GroupAggregateFunctionsEndToEndTest {
    @TempDir
    Path dir;

    private SqlTestRunner runner(int parallelism) throws Exception {
        String[][] rows = {
            // k, v, s, second
            {"a", "3", "x", "1"},
            {"b", "5", "y", "2"},
            {"a", "1", "z", "3"},
            {"a", "4", "x", "12"},
            {"b", "2", "w", "13"},
            {"a", null, "q", "14"},
            {"b", "7", null, "15"},
        };
        StringBuilder json = new StringBuilder();
        for (String[] row : rows) {
            json.append("{\"k\":\"").append(row[0]).append("\",\"v\":").append(row[1])
                    .append(",\"s\":").append(row[2] == null ? "null" : "\"" + row[2] + "\"")
                    .append(",\"ts\":\"").append(BidEvents.format(Long.parseLong(row[3]) * 1000)).append("\"}\n");
        }
        Files.createDirectories(dir.resolve("in"));
        Files.writeString(dir.resolve("in/rows.json"), json);
        SqlTestRunner sql = new SqlTestRunner();
        sql.run("SET 'parallelism.default' = '" + parallelism + "';\n"
                + "CREATE TABLE t (k STRING, v INT, s STRING, ts TIMESTAMP(3),"
                + " WATERMARK FOR ts AS ts - INTERVAL '1' SECOND) WITH ("
                + "'connector' = 'filesystem', 'path' = '" + dir.resolve("in") + "', 'format' = 'json')");
        return sql;
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 4})
    void groupByOverInserts(int parallelism) throws Exception {
        try (SqlTestRunner sql = runner(parallelism)) {
            List<String> changelog = sql.query("SELECT k, LISTAGG(s), LISTAGG(s, '|'), FIRST_VALUE(v), LAST_VALUE(v),"
                    + " COUNT(DISTINCT v) FILTER (WHERE v > 2) FROM t GROUP BY k");
            assertThat(replay(changelog)).containsExactly(
                    "[a, x,z,x,q, x|z|x|q, 3, 4, 2]",
                    "[b, y,w, y|w, 5, 7, 2]");
        }
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 4})
    void groupByOverAnUpdatingInputRetractsTheOldValues(int parallelism) throws Exception {
        try (SqlTestRunner sql = runner(parallelism)) {
            // each outer group sees one inner group's changes (-U/+U become -D/+I, as the group empties
            // in between): at the end only the inner group's last row is left
            List<String> changelog = sql.query("SELECT k, FIRST_VALUE(mx), LAST_VALUE(mx), LISTAGG(CAST(c AS STRING)),"
                    + " MIN(mx), MAX(c), COUNT(DISTINCT c) FILTER (WHERE mx > 4)"
                    + " FROM (SELECT k, MAX(v) AS mx, COUNT(*) AS c FROM t GROUP BY k) GROUP BY k");
            assertThat(changelog).anySatisfy(row -> assertThat(row).startsWith("-D["));
            assertThat(replay(changelog)).containsExactly(
                    "[a, 4, 4, 4, 4, 4, 0]",
                    "[b, 7, 7, 3, 7, 3, 1]");
            // one global group over both inner groups: their old rows are retracted from it
            List<String> global = sql.query("SELECT MIN(mx), MAX(mx), MAX(c), COUNT(DISTINCT mx) FILTER (WHERE c > 2)"
                    + " FROM (SELECT k, MAX(v) AS mx, COUNT(*) AS c FROM t GROUP BY k)");
            assertThat(global).anySatisfy(row -> assertThat(row).startsWith("-U["));
            assertThat(replay(global)).containsExactly("[4, 7, 4, 2]");
        }
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 4})
    void tumbleWindow(int parallelism) throws Exception {
        try (SqlTestRunner sql = runner(parallelism)) {
            List<String> changelog = sql.query("SELECT k, EXTRACT(SECOND FROM window_start), LISTAGG(s),"
                    + " FIRST_VALUE(v), LAST_VALUE(v), COUNT(DISTINCT s) FILTER (WHERE v < 4)"
                    + " FROM TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts), INTERVAL '10' SECOND))"
                    + " GROUP BY k, window_start, window_end");
            assertThat(changelog).allSatisfy(row -> assertThat(row).startsWith("+I["));
            assertThat(replay(changelog)).containsExactly(
                    "[a, 0, x,z, 3, 1, 2]",
                    "[a, 10, x,q, 4, 4, 0]",
                    "[b, 0, y, 5, 5, 0]",
                    "[b, 10, w, 2, 7, 1]");
        }
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1})
    void aSeparatorThatIsNotALiteralIsRefused(int parallelism) throws Exception {
        try (SqlTestRunner sql = runner(parallelism)) {
            assertThatThrownBy(() -> sql.query("SELECT k, LISTAGG(s, k) FROM t GROUP BY k"))
                    .hasMessageContaining("The separator of LISTAGG must be a character literal");
        }
    }
}
