package io.sluice.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every supported type is read from JSON, computed on, written to JSON and read back unchanged. */
class TypesEndToEndTest {
    private static final String COLUMNS = "b BOOLEAN, t TINYINT, s SMALLINT, i INT, l BIGINT, f FLOAT, d DOUBLE, "
            + "amount DECIMAL(10, 3), c CHAR(3), v VARCHAR(20), str STRING, dt DATE, tm TIME, ts TIMESTAMP(3), "
            + "ltz TIMESTAMP_LTZ(3)";

    @TempDir
    Path dir;

    @Test
    void everyTypeSurvivesJsonAndExpressions() throws Exception {
        Files.createDirectories(dir.resolve("in"));
        Files.writeString(dir.resolve("in/rows.json"), ""
                + "{\"b\":true,\"t\":1,\"s\":300,\"i\":70000,\"l\":9000000000,\"f\":1.5,\"d\":2.25,\"amount\":12.345,"
                + "\"c\":\"abc\",\"v\":\"hello\",\"str\":\"world\",\"dt\":\"2024-02-29\",\"tm\":\"13:14:15\","
                + "\"ts\":\"2024-02-29 13:14:15.123\",\"ltz\":\"2024-02-29 13:14:15.123Z\"}\n"
                + "{\"b\":null,\"t\":null,\"s\":null,\"i\":null,\"l\":null,\"f\":null,\"d\":null,\"amount\":null,"
                + "\"c\":null,\"v\":null,\"str\":null,\"dt\":null,\"tm\":null,\"ts\":null,\"ltz\":null}\n");
        try (SqlTestRunner sql = new SqlTestRunner()) {
            sql.run("SET 'parallelism.default' = '1'; SET 'table.local-time-zone' = 'UTC';\n"
                    + "CREATE TABLE src (" + COLUMNS + ") WITH ('connector' = 'filesystem', 'path' = '"
                    + dir.resolve("in") + "', 'format' = 'json');\n"
                    + "CREATE TABLE dst (" + COLUMNS + ") WITH ('connector' = 'filesystem', 'path' = '"
                    + dir.resolve("out") + "', 'format' = 'json');\n"
                    + "INSERT INTO dst SELECT * FROM src;");
            List<String> computed = sql.query("SELECT NOT b, t + 1, s * 2, i + 1, l + 1, f * 2, d * 2, amount + 1, "
                    + "UPPER(c), CHAR_LENGTH(v), str || '!', dt + INTERVAL '1' DAY, tm, ts, ltz FROM src");
            assertThat(computed).containsExactly(
                    "+I[false, 2, 600, 70001, 9000000001, 3.0, 4.5, 13.345, ABC, 5, world!, 19783, 47655000, "
                            + "1709212455123, 1709212455123]",
                    "+I[null, null, null, null, null, null, null, null, null, null, null, null, null, null, null]");
            List<String> roundTrip = sql.query("SELECT * FROM (SELECT * FROM src) UNION ALL SELECT * FROM src");
            assertThat(roundTrip).hasSize(4);
            sql.run("CREATE TABLE back (" + COLUMNS + ") WITH ('connector' = 'filesystem', 'path' = '"
                    + dir.resolve("out") + "', 'format' = 'json')");
            assertThat(sql.query("SELECT * FROM back")).containsExactlyInAnyOrderElementsOf(sql.query("SELECT * FROM src"));
        }
    }
}
