package io.sluice.server;

import static io.sluice.server.ChangelogReplay.at;
import static io.sluice.server.ChangelogReplay.replay;
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
 * ROW_NUMBER top-N end to end over a small JSON file: the changelog, replayed, ends in the top rows
 * worked out by hand; per-window top-N rows are final inserts.
 */
class TopNEndToEndTest {
    @TempDir
    Path dir;

    /** Auctions 1 to 3; times within two 10-second windows, slightly out of order. */
    private String bids(int parallelism) throws Exception {
        ChangelogReplay.writeJson(dir.resolve("bids"),
                "{\"auction\":1,\"bidder\":11,\"price\":10,\"dateTime\":" + time(1) + "}",
                "{\"auction\":1,\"bidder\":12,\"price\":30,\"dateTime\":" + time(3) + "}",
                "{\"auction\":2,\"bidder\":11,\"price\":7,\"dateTime\":" + time(2) + "}",
                "{\"auction\":1,\"bidder\":13,\"price\":20,\"dateTime\":" + time(4) + "}",
                "{\"auction\":3,\"bidder\":19,\"price\":100,\"dateTime\":" + time(12) + "}",
                "{\"auction\":1,\"bidder\":14,\"price\":40,\"dateTime\":" + time(11) + "}",
                "{\"auction\":2,\"bidder\":12,\"price\":8,\"dateTime\":" + time(13) + "}",
                "{\"auction\":1,\"bidder\":15,\"price\":5,\"dateTime\":" + time(14) + "}",
                "{\"auction\":2,\"bidder\":13,\"price\":8,\"dateTime\":" + time(15) + "}");
        return "SET 'parallelism.default' = '" + parallelism + "';\n"
                + "CREATE TABLE bid (auction BIGINT, bidder BIGINT, price BIGINT, dateTime TIMESTAMP(3),\n"
                + "  WATERMARK FOR dateTime AS dateTime - INTERVAL '5' SECOND)\n"
                + "WITH ('connector' = 'filesystem', 'path' = '" + dir.resolve("bids") + "', 'format' = 'json');\n";
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 4})
    void nexmarkQ19TopTwoEndsInTheTwoHighestBidsOfEachAuction(int parallelism) throws Exception {
        try (SqlTestRunner sql = new SqlTestRunner()) {
            sql.run(bids(parallelism));
            List<String> changelog = sql.query("SELECT * FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY auction "
                    + "ORDER BY price DESC) AS rank_number FROM bid) WHERE rank_number <= 2");
            assertThat(changelog).contains("-U[1, 11, 10, " + at(1) + ", 1]");
            assertThat(replay(changelog)).containsExactly(
                    "[1, 12, 30, " + at(3) + ", 2]",
                    "[1, 14, 40, " + at(11) + ", 1]",
                    // two bids of 8: the first to arrive ranks first
                    "[2, 12, 8, " + at(13) + ", 1]",
                    "[2, 13, 8, " + at(15) + ", 2]",
                    "[3, 19, 100, " + at(12) + ", 1]");
        }
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 4})
    void withoutTheRankNumberOnlyEnteringAndLeavingRowsAreEmitted(int parallelism) throws Exception {
        try (SqlTestRunner sql = new SqlTestRunner()) {
            sql.run(bids(parallelism));
            List<String> changelog = sql.query("SELECT auction, bidder FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY "
                    + "auction ORDER BY price DESC) AS rn FROM bid) WHERE rn <= 1 AND bidder <> 19");
            assertThat(changelog).allSatisfy(row -> assertThat(row).matches("[+]I.*|-D.*"));
            assertThat(replay(changelog)).containsExactly("[1, 14]", "[2, 12]");
        }
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 4})
    void aTopNOverAnUpdatingAggregateTakesRetractedRowsOut(int parallelism) throws Exception {
        try (SqlTestRunner sql = new SqlTestRunner()) {
            sql.run(bids(parallelism));
            // bids per auction: 1 has 5, 2 has 3, 3 has 1; the counts of 2 pass those of 3 on the way
            List<String> changelog = sql.query("SELECT auction, n, rn FROM (SELECT auction, n, ROW_NUMBER() OVER "
                    + "(ORDER BY n DESC) AS rn FROM (SELECT auction, COUNT(*) AS n FROM bid GROUP BY auction)) "
                    + "WHERE rn <= 2");
            assertThat(replay(changelog)).containsExactly("[1, 5, 1]", "[2, 3, 2]");
        }
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 4})
    void aTopThreePerTumblingWindowIsEmittedOnceAsInserts(int parallelism) throws Exception {
        try (SqlTestRunner sql = new SqlTestRunner()) {
            sql.run(bids(parallelism));
            List<String> rows = sql.query("SELECT window_start, auction, price, rn FROM (SELECT *, ROW_NUMBER() OVER "
                    + "(PARTITION BY window_start, window_end ORDER BY price DESC) AS rn FROM TABLE(TUMBLE(TABLE bid, "
                    + "DESCRIPTOR(dateTime), INTERVAL '10' SECOND))) WHERE rn <= 3");
            assertThat(rows).containsExactlyInAnyOrder(
                    "+I[" + at(0) + ", 1, 30, 1]", "+I[" + at(0) + ", 1, 20, 2]", "+I[" + at(0) + ", 1, 10, 3]",
                    "+I[" + at(10) + ", 3, 100, 1]", "+I[" + at(10) + ", 1, 40, 2]", "+I[" + at(10) + ", 2, 8, 3]");
        }
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 4})
    void theWinningAuctionOfEachWindowFromAWindowAggregate(int parallelism) throws Exception {
        try (SqlTestRunner sql = new SqlTestRunner()) {
            sql.run(bids(parallelism));
            List<String> rows = sql.query("SELECT window_start, auction, total FROM (SELECT *, ROW_NUMBER() OVER "
                    + "(PARTITION BY window_start, window_end ORDER BY total DESC) AS rn FROM (SELECT auction, "
                    + "window_start, window_end, SUM(price) AS total FROM TABLE(TUMBLE(TABLE bid, DESCRIPTOR(dateTime), "
                    + "INTERVAL '10' SECOND)) GROUP BY auction, window_start, window_end)) WHERE rn = 1");
            // window 0: auction 1 has 60, 2 has 7; window 10: 3 has 100, 1 has 45, 2 has 16
            assertThat(rows).containsExactlyInAnyOrder("+I[" + at(0) + ", 1, 60]", "+I[" + at(10) + ", 3, 100]");
        }
    }

    @Test
    void anUpdatingTopNIsRefusedByAnAppendOnlySinkAndAnUnboundedRowNumberIsNamed() throws Exception {
        try (SqlTestRunner sql = new SqlTestRunner()) {
            sql.run(bids(1) + "CREATE TABLE winners (auction BIGINT, price BIGINT) WITH ('connector' = 'filesystem', "
                    + "'path' = '" + dir.resolve("out") + "', 'format' = 'json')");
            assertThatThrownBy(() -> sql.run("INSERT INTO winners SELECT auction, price FROM (SELECT *, ROW_NUMBER() "
                    + "OVER (PARTITION BY auction ORDER BY price DESC) AS rn FROM bid) WHERE rn <= 3"))
                    .hasMessageContaining("Table 'winners'")
                    .hasMessageContaining("takes only inserts, but the query produces updates");
            assertThatThrownBy(() -> sql.query("SELECT auction, ROW_NUMBER() OVER (PARTITION BY auction ORDER BY price) "
                    + "FROM bid"))
                    .hasMessageContaining("ROW_NUMBER() on a stream needs a filter on its result that bounds it");
        }
    }
}
