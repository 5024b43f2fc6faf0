package io.sluice.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SmokeTest {
    @Test
    void tumbleOverDatagen() throws Exception {
        try (SqlTestRunner sql = new SqlTestRunner()) {
            sql.run("SET 'parallelism.default' = '2';\n"
                    + "CREATE TABLE gen (id BIGINT, ts AS TO_TIMESTAMP_LTZ(id * 1000, 3), "
                    + "WATERMARK FOR ts AS ts - INTERVAL '1' SECOND) WITH ('connector'='datagen',"
                    + "'fields.id.kind'='sequence','fields.id.start'='0','fields.id.end'='99','rows-per-second'='100000')");
            var rows = sql.query("SELECT window_start, window_end, COUNT(*) AS cnt, SUM(id) FROM TABLE(TUMBLE(TABLE gen, "
                    + "DESCRIPTOR(ts), INTERVAL '10' SECOND)) GROUP BY window_start, window_end");
            System.out.println(rows);
            assertThat(rows).hasSize(10);
        }
    }

    @Test
    void explain() throws Exception {
        try (SqlTestRunner sql = new SqlTestRunner()) {
            var results = sql.run("CREATE TABLE gen (id BIGINT, name STRING, ts AS TO_TIMESTAMP_LTZ(id * 1000, 3), "
                    + "WATERMARK FOR ts AS ts - INTERVAL '1' SECOND) WITH ('connector'='datagen',"
                    + "'fields.id.kind'='sequence','fields.id.start'='0','fields.id.end'='99');"
                    + "CREATE TABLE sink1 (k INT, ws TIMESTAMP(3), cnt BIGINT) WITH ('connector'='blackhole');"
                    + "EXPLAIN INSERT INTO sink1 SELECT MOD(id, 3), window_start, COUNT(DISTINCT name) FILTER (WHERE id > 5) "
                    + "FROM TABLE(HOP(TABLE gen, DESCRIPTOR(ts), INTERVAL '5' SECOND, INTERVAL '10' SECOND)) "
                    + "WHERE name <> 'x' GROUP BY window_start, window_end, MOD(id, 3)");
            System.out.println(((StatementResult.Explain) results.get(2)).plan());
        }
    }
}
