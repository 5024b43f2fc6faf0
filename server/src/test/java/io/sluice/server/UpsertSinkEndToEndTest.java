package io.sluice.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A GROUP BY k into a JDBC table with PRIMARY KEY (k) on a real (embedded) PostgreSQL: the planner
 * makes the sink's input an upsert stream (no -U rows), the sink runs at its own parallelism fed by
 * the key, and the table ends with the right aggregates. A key that is not the group key keeps
 * retract mode.
 */
@Tag("integration")
@Timeout(180)
class UpsertSinkEndToEndTest {
    private static EmbeddedPostgres postgres;
    private static String url;

    @TempDir
    Path dir;

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = EmbeddedPostgres.builder().setPGStartupWait(Duration.ofSeconds(60)).start();
        execute(postgres.getJdbcUrl("postgres", "postgres"), "CREATE DATABASE upsert_sink");
        url = postgres.getJdbcUrl("postgres", "upsert_sink");
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        if (postgres != null) {
            postgres.close();
        }
    }

    private String source(int rows, Map<String, long[]> expected) throws Exception {
        Random random = new Random(11);
        StringBuilder json = new StringBuilder();
        for (int i = 0; i < rows; i++) {
            String k = "k" + random.nextInt(40);
            long v = random.nextInt(1000);
            json.append("{\"k\":\"").append(k).append("\",\"v\":").append(v).append("}\n");
            long[] agg = expected.computeIfAbsent(k, key -> new long[] {0, 0, Long.MIN_VALUE});
            agg[0]++;
            agg[1] += v;
            agg[2] = Math.max(agg[2], v);
        }
        Files.createDirectories(dir.resolve("in"));
        Files.writeString(dir.resolve("in/rows.json"), json);
        return "CREATE TABLE src (k STRING, v BIGINT) WITH ('connector' = 'filesystem', 'path' = '"
                + dir.resolve("in") + "', 'format' = 'json');\n";
    }

    private static String sinkTable(String name, String primaryKey, int parallelism) {
        return "CREATE TABLE " + name + " (k STRING, cnt BIGINT, total BIGINT, highest BIGINT,"
                + " PRIMARY KEY (" + primaryKey + ") NOT ENFORCED) WITH ('connector' = 'jdbc', 'url' = '" + url
                + "', 'table-name' = '" + name + "', 'sink.parallelism' = '" + parallelism + "');\n";
    }

    @Test
    void aGroupByIntoATableKeyedByTheGroupKeyUpsertsWithoutUpdateBefore() throws Exception {
        execute(url, "CREATE TABLE results (k VARCHAR PRIMARY KEY, cnt BIGINT, total BIGINT, highest BIGINT)");
        Map<String, long[]> expected = new TreeMap<>();
        String ddl = source(3000, expected) + sinkTable("results", "k", 3);
        try (SqlTestRunner sql = new SqlTestRunner()) {
            sql.run("SET 'parallelism.default' = '4';\n" + ddl);
            String insert = "INSERT INTO results SELECT k, COUNT(*), SUM(v), MAX(v) FROM src GROUP BY k";
            String plan = ((StatementResult.Explain) sql.run("EXPLAIN " + insert).get(0)).plan();
            assertThat(plan).contains("StreamSink(table=[results]", "changelogMode=[I,UA,D], upsertKey=[k]")
                    .doesNotContain("I,UB,UA,D")
                    // the sink's own parallelism is fed by the key, not round-robin
                    .contains("distribution=[hash[k]], parallelism=[3]")
                    .doesNotContain("rebalance");
            assertThat(plan.lines().filter(line -> line.contains("StreamGroupAggregate")))
                    .singleElement().asString().contains("changelogMode=[I,UA,D]");
            sql.run(insert);
        }
        List<String> rows = new ArrayList<>();
        expected.forEach((k, agg) -> rows.add(k + "|" + agg[0] + "|" + agg[1] + "|" + agg[2]));
        assertThat(query("SELECT k, cnt, total, highest FROM results ORDER BY k")).isEqualTo(rows);
    }

    @Test
    void aPrimaryKeyThatIsNotTheGroupKeyKeepsRetractMode() throws Exception {
        try (SqlTestRunner sql = new SqlTestRunner()) {
            sql.run("SET 'parallelism.default' = '2';\n" + source(10, new TreeMap<>())
                    + sinkTable("by_count", "cnt", 2));
            String plan = ((StatementResult.Explain) sql.run(
                    "EXPLAIN INSERT INTO by_count SELECT k, COUNT(*), SUM(v), MAX(v) FROM src GROUP BY k").get(0)).plan();
            assertThat(plan).contains("changelogMode=[I,UB,UA,D]").doesNotContain("I,UA,D]").doesNotContain("upsertKey");
        }
    }

    private static List<String> query(String sql) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(url);
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            while (result.next()) {
                rows.add(result.getString(1) + "|" + result.getLong(2) + "|" + result.getLong(3) + "|"
                        + result.getLong(4));
            }
        }
        return rows;
    }

    private static void execute(String url, String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection(url);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
