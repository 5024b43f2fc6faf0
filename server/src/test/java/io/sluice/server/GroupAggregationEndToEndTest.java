package io.sluice.server;

import static io.sluice.server.ChangelogReplay.replay;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * GROUP BY without a window end to end: the result is a changelog (+I, -U/+U, -D) whose final
 * state, replayed, equals the aggregate computed independently here.
 */
class GroupAggregationEndToEndTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void theChangelogOfAGroupByEndsInTheExpectedAggregates(int parallelism) throws Exception {
        Random random = new Random(7);
        StringBuilder json = new StringBuilder();
        Map<Long, long[]> expected = new TreeMap<>();
        for (int i = 0; i < 2000; i++) {
            long auction = random.nextInt(25);
            long price = 1 + random.nextInt(1000);
            String channel = random.nextBoolean() ? "app" : "web";
            json.append("{\"auction\":").append(auction).append(",\"price\":").append(price)
                    .append(",\"channel\":\"").append(channel).append("\"}\n");
            long[] agg = expected.computeIfAbsent(auction, a -> new long[] {0, 0, Long.MIN_VALUE, 0});
            agg[0]++;
            agg[1] += price;
            agg[2] = Math.max(agg[2], price);
            agg[3] += channel.equals("app") ? 1 : 0;
        }
        Files.createDirectories(dir.resolve("in"));
        Files.writeString(dir.resolve("in/bids.json"), json);
        try (SqlTestRunner sql = new SqlTestRunner()) {
            sql.run("SET 'parallelism.default' = '" + parallelism + "';\n"
                    + "CREATE TABLE bids (auction BIGINT, price BIGINT, channel STRING) WITH ("
                    + "'connector' = 'filesystem', 'path' = '" + dir.resolve("in") + "', 'format' = 'json')");
            List<String> changelog = sql.query("SELECT auction, COUNT(*), SUM(price), MAX(price), "
                    + "COUNT(*) FILTER (WHERE channel = 'app') FROM bids GROUP BY auction");
            assertThat(changelog).anySatisfy(row -> assertThat(row).startsWith("-U["));
            assertThat(replay(changelog)).isEqualTo(expectedRows(expected));
        }
    }

    @Test
    void aGroupByOverAGroupByRetractsTheOldCounts() throws Exception {
        Files.createDirectories(dir.resolve("in"));
        Files.writeString(dir.resolve("in/rows.json"), "{\"k\":\"a\"}\n{\"k\":\"a\"}\n{\"k\":\"b\"}\n{\"k\":\"a\"}\n");
        try (SqlTestRunner sql = new SqlTestRunner()) {
            sql.run("SET 'parallelism.default' = '2';\n"
                    + "CREATE TABLE t (k STRING) WITH ('connector' = 'filesystem', 'path' = '" + dir.resolve("in")
                    + "', 'format' = 'json')");
            // how many keys have each count: the inner counts are updated, so the outer one retracts
            List<String> changelog = sql.query("SELECT cnt, COUNT(*) FROM (SELECT k, COUNT(*) AS cnt FROM t GROUP BY k) "
                    + "GROUP BY cnt");
            assertThat(replay(changelog)).containsExactlyInAnyOrder("[1, 1]", "[3, 1]");
        }
    }

    @Test
    void anUpdatingResultIsRefusedByAnAppendOnlySink() throws Exception {
        try (SqlTestRunner sql = new SqlTestRunner()) {
            sql.run("CREATE TABLE src (k BIGINT) WITH ('connector' = 'datagen', 'number-of-rows' = '10');\n"
                    + "CREATE TABLE dst (k BIGINT, n BIGINT) WITH ('connector' = 'filesystem', 'path' = '"
                    + dir.resolve("out") + "', 'format' = 'json')");
            assertThatThrownBy(() -> sql.run("INSERT INTO dst SELECT k, COUNT(*) FROM src GROUP BY k"))
                    .hasMessageContaining("Table 'dst'")
                    .hasMessageContaining("takes only inserts, but the query produces updates");
        }
    }


    private static List<String> expectedRows(Map<Long, long[]> expected) {
        List<String> rows = new ArrayList<>();
        expected.forEach((auction, agg) -> rows.add("[" + auction + ", " + agg[0] + ", " + agg[1] + ", " + agg[2] + ", "
                + agg[3] + "]"));
        rows.sort(null);
        return rows;
    }
}
