package io.sluice.server;

import static io.sluice.server.ChangelogReplay.replay;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * GROUP BY with mini-batch end to end: the changelog, replayed, ends in the same result as without
 * mini-batch, and is shorter, because each key emits one change per batch instead of one per row.
 */
class GroupAggregationMiniBatchEndToEndTest {
    private static final String MINI_BATCH = "SET 'table.exec.mini-batch.enabled' = 'true';\n"
            + "SET 'table.exec.mini-batch.allow-latency' = '1 min';\n"
            + "SET 'table.exec.mini-batch.size' = '500'";

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void theReplayedResultIsTheSameAsWithoutMiniBatchAndTheChangelogShorter(int parallelism) throws Exception {
        writeBids(3000, 40);
        // the inner GROUP BY sends updates, so the outer one also sees -U rows
        String[] queries = {
                "SELECT auction, COUNT(*), SUM(price), MAX(price), COUNT(*) FILTER (WHERE channel = 'app') "
                        + "FROM bids GROUP BY auction",
                "SELECT maxPrice / 100, COUNT(*), MIN(bids) FROM (SELECT auction, MAX(price) AS maxPrice, "
                        + "COUNT(*) AS bids FROM bids GROUP BY auction) GROUP BY maxPrice / 100"};
        for (String query : queries) {
            List<String> plain = changelog(parallelism, false, query);
            List<String> batched = changelog(parallelism, true, query);
            assertThat(replay(batched)).as(query).isEqualTo(replay(plain)).isNotEmpty();
            assertThat(batched.size()).as(query).isLessThan(plain.size() / 2);
        }
    }

    private List<String> changelog(int parallelism, boolean miniBatch, String query) throws Exception {
        try (SqlTestRunner sql = new SqlTestRunner()) {
            sql.run("SET 'parallelism.default' = '" + parallelism + "';\n"
                    + (miniBatch ? MINI_BATCH + ";\n" : "")
                    + "CREATE TABLE bids (auction BIGINT, price BIGINT, channel STRING) WITH ("
                    + "'connector' = 'filesystem', 'path' = '" + dir.resolve("in") + "', 'format' = 'json')");
            return sql.query(query);
        }
    }

    private void writeBids(int rows, int auctions) throws Exception {
        Random random = new Random(11);
        StringBuilder json = new StringBuilder();
        for (int i = 0; i < rows; i++) {
            json.append("{\"auction\":").append(random.nextInt(auctions)).append(",\"price\":")
                    .append(1 + random.nextInt(1000)).append(",\"channel\":\"")
                    .append(random.nextBoolean() ? "app" : "web").append("\"}\n");
        }
        Files.createDirectories(dir.resolve("in"));
        Files.writeString(dir.resolve("in/bids.json"), json);
    }
}
