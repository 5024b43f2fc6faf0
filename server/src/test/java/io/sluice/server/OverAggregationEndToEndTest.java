package io.sluice.server;

import static io.sluice.server.ChangelogReplay.time;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * OVER aggregations ordered by event time end to end, over a small JSON file whose rows arrive out
 * of order: each row comes out once with the aggregates of its frame, computed in time order.
 */
class OverAggregationEndToEndTest {
    @TempDir
    Path dir;

    /** Per auction, prices at times (seconds): auction 1: 10@1, 20@2, 30@4, 40@4, 50@12; auction 2: 5@3, 6@20. */
    private String bids(int parallelism) throws Exception {
        ChangelogReplay.writeJson(dir.resolve("bids"),
                "{\"auction\":1,\"price\":20,\"dateTime\":" + time(2) + "}",
                "{\"auction\":1,\"price\":10,\"dateTime\":" + time(1) + "}",
                "{\"auction\":2,\"price\":5,\"dateTime\":" + time(3) + "}",
                "{\"auction\":1,\"price\":30,\"dateTime\":" + time(4) + "}",
                "{\"auction\":1,\"price\":50,\"dateTime\":" + time(12) + "}",
                "{\"auction\":1,\"price\":40,\"dateTime\":" + time(4) + "}",
                "{\"auction\":2,\"price\":6,\"dateTime\":" + time(20) + "}");
        return "SET 'parallelism.default' = '" + parallelism + "';\n"
                + "CREATE TABLE bid (auction BIGINT, price BIGINT, dateTime TIMESTAMP(3),\n"
                + "  WATERMARK FOR dateTime AS dateTime - INTERVAL '10' SECOND)\n"
                + "WITH ('connector' = 'filesystem', 'path' = '" + dir.resolve("bids") + "', 'format' = 'json');\n";
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 4})
    void aRowsFrameAggregatesTheRowAndTheOneBeforeIt(int parallelism) throws Exception {
        try (SqlTestRunner sql = new SqlTestRunner()) {
            sql.run(bids(parallelism));
            List<String> rows = sql.query("SELECT auction, price, SUM(price) OVER w, COUNT(*) OVER w, MIN(price) OVER w "
                    + "FROM bid WINDOW w AS (PARTITION BY auction ORDER BY dateTime "
                    + "ROWS BETWEEN 1 PRECEDING AND CURRENT ROW)");
            // 30 and 40 share a time: in arrival order, 30 first
            assertThat(rows).containsExactlyInAnyOrder(
                    "+I[1, 10, 10, 1, 10]", "+I[1, 20, 30, 2, 10]", "+I[1, 30, 50, 2, 20]", "+I[1, 40, 70, 2, 30]",
                    "+I[1, 50, 90, 2, 40]", "+I[2, 5, 5, 1, 5]", "+I[2, 6, 11, 2, 5]");
        }
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 4})
    void aRangeFrameAggregatesTheRowsOfTheLastThreeSecondsWithPeers(int parallelism) throws Exception {
        try (SqlTestRunner sql = new SqlTestRunner()) {
            sql.run(bids(parallelism));
            List<String> rows = sql.query("SELECT auction, price, MAX(price) OVER w, COUNT(*) OVER w, "
                    + "SUM(price) OVER (PARTITION BY auction ORDER BY dateTime RANGE BETWEEN INTERVAL '2' SECOND "
                    + "PRECEDING AND CURRENT ROW) FROM bid WINDOW w AS (PARTITION BY auction ORDER BY dateTime "
                    + "RANGE BETWEEN INTERVAL '2' SECOND PRECEDING AND CURRENT ROW)");
            // at 4 s the frame is [2 s, 4 s]: 20, 30, 40 (both rows of 4 s are peers); at 12 s only 50
            assertThat(rows).containsExactlyInAnyOrder(
                    "+I[1, 10, 10, 1, 10]", "+I[1, 20, 20, 2, 30]", "+I[1, 30, 40, 3, 90]", "+I[1, 40, 40, 3, 90]",
                    "+I[1, 50, 50, 1, 50]", "+I[2, 5, 5, 1, 5]", "+I[2, 6, 6, 1, 6]");
        }
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 4})
    void anUnboundedFrameIsARunningTotal(int parallelism) throws Exception {
        try (SqlTestRunner sql = new SqlTestRunner()) {
            sql.run(bids(parallelism));
            List<String> rows = sql.query("SELECT auction, price, SUM(price) OVER (PARTITION BY auction ORDER BY dateTime "
                    + "ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) FROM bid");
            assertThat(rows).containsExactlyInAnyOrder(
                    "+I[1, 10, 10]", "+I[1, 20, 30]", "+I[1, 30, 60]", "+I[1, 40, 100]", "+I[1, 50, 150]",
                    "+I[2, 5, 5]", "+I[2, 6, 11]");
        }
    }

    @Test
    void anOverWindowNotOrderedByATimeAttributeIsRefused() throws Exception {
        try (SqlTestRunner sql = new SqlTestRunner()) {
            sql.run(bids(1));
            assertThatThrownBy(() -> sql.query("SELECT SUM(price) OVER (PARTITION BY auction ORDER BY price) FROM bid"))
                    .hasMessage("An OVER window on a stream must be ordered by one time attribute ascending (a column "
                            + "declared with WATERMARK FOR … in CREATE TABLE): 'price' is not one");
        }
    }
}
