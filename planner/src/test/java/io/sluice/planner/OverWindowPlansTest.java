package io.sluice.planner;

import static io.sluice.planner.PlannerFixture.jobGraph;
import static io.sluice.planner.PlannerFixture.physical;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import org.junit.jupiter.api.Test;

/** Plans of ROW_NUMBER rankings, deduplications and OVER aggregates, and the errors for what they refuse. */
class OverWindowPlansTest {
    private static final String SCAN = "StreamTableSourceScan(table=[bids], source=[datagen[rows-per-second=10000, "
            + "number-of-rows=10]], fields=[auction, bidder, price, channel, url, dateTime], "
            + "watermark=[dateTime AS dateTime - INTERVAL '4' SECOND], parallelism=[4], changelogMode=[I])";

    private final PlannerFixture fixture = new PlannerFixture(PlannerFixture.BIDS, PlannerFixture.NO_TIME);

    @Test
    void nexmarkQ19IsAnUpdatingTopNHashedByThePartitionKey() {
        PlannedJob job = fixture.query("SELECT * FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY auction "
                + "ORDER BY price DESC) AS rank_number FROM bids) WHERE rank_number <= 10");
        assertThat(physical(job)).isEqualTo(""
                + "StreamSink(table=[result], sink=[collect], fields=[auction, bidder, price, channel, url, dateTime, "
                + "rank_number], parallelism=[4], changelogMode=[I,UB,UA,D])\n"
                + "  StreamRank(strategy=[TOP_N], partitionBy=[auction], orderBy=[price DESC], rankRange=[rank=1..10], "
                + "rankNumber=[selected], parallelism=[4], changelogMode=[I,UB,UA,D])\n"
                + "    StreamExchange(distribution=[hash[auction]], parallelism=[4], changelogMode=[I])\n"
                + "      " + SCAN);
        assertThat(jobGraph(job)).isEqualTo(""
                + "Vertex 0: Source: bids (parallelism 4)\n"
                + "Vertex 1: TopN[rank=1..10] -> Sink: result (parallelism 4) <- HASH[0] from vertex 0");
    }

    @Test
    void otherConditionsAndTheProjectionRunAfterTheRankingWithoutTheRankNumber() {
        PlannedJob job = fixture.query("SELECT auction, price FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY auction, "
                + "channel ORDER BY price DESC, bidder) AS rn FROM bids) WHERE rn < 4 AND price > 3 AND rn >= 2");
        assertThat(physical(job)).contains(""
                + "  StreamCalc(select=[auction, price], where=[(CAST(price AS DECIMAL(12, 2)) > 3.00)], "
                + "parallelism=[4], changelogMode=[I,UB,UA,D])\n"
                + "    StreamRank(strategy=[TOP_N], partitionBy=[auction, channel], orderBy=[price DESC, bidder ASC], "
                + "rankRange=[rank=2..3], rankNumber=[not selected], parallelism=[4], changelogMode=[I,UB,UA,D])\n"
                + "      StreamExchange(distribution=[hash[auction, channel]]");
    }

    @Test
    void aTopNWithoutPartitionRunsInOneTask() {
        PlannedJob job = fixture.query("SELECT auction FROM (SELECT auction, ROW_NUMBER() OVER (ORDER BY price) AS rn "
                + "FROM bids) WHERE rn = 1");
        assertThat(physical(job)).contains("StreamRank(strategy=[TOP_N], orderBy=[price ASC], rankRange=[rank=1], "
                + "rankNumber=[not selected], parallelism=[1]");
        assertThat(jobGraph(job)).endsWith("(parallelism 1) <- SINGLETON from vertex 0");
    }

    @Test
    void nexmarkQ18KeepsTheLastRowPerKeyAsAnUpdatingDeduplication() {
        PlannedJob job = fixture.query("SELECT * FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY bidder, auction "
                + "ORDER BY dateTime DESC) AS rank_number FROM bids) WHERE rank_number <= 1");
        assertThat(physical(job)).contains("StreamRank(strategy=[LAST_ROW], partitionBy=[auction, bidder], "
                + "orderBy=[dateTime DESC], rankRange=[rank=1], rankNumber=[selected], parallelism=[4], "
                + "changelogMode=[I,UB,UA,D])");
        assertThat(jobGraph(job)).contains("Deduplicate[last row] -> Sink: result");
    }

    @Test
    void theFirstRowPerKeyIsInsertOnly() {
        PlannedJob job = fixture.query("SELECT auction, bidder, price FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY "
                + "auction ORDER BY dateTime) AS rn FROM bids) WHERE rn = 1");
        assertThat(physical(job)).startsWith("StreamSink(table=[result], sink=[collect], fields=[auction, bidder, price], "
                + "parallelism=[4], changelogMode=[I])");
        assertThat(physical(job)).contains("StreamRank(strategy=[FIRST_ROW], partitionBy=[auction], "
                + "orderBy=[dateTime ASC], rankRange=[rank=1], rankNumber=[not selected], parallelism=[4], "
                + "changelogMode=[I])");
    }

    @Test
    void orderedByAColumnThatIsNotATimeAttributeRankOneIsATopN() {
        PlannedJob job = fixture.query("SELECT id FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY id ORDER BY ts DESC) "
                + "AS rn FROM plain) WHERE rn = 1");
        assertThat(physical(job)).contains("StreamRank(strategy=[TOP_N]");
    }

    @Test
    void aTopNOverAWindowTableFunctionRanksEachWindowOnce() {
        PlannedJob job = fixture.query("SELECT * FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY window_start, "
                + "window_end ORDER BY price DESC) AS rn FROM TABLE(TUMBLE(TABLE bids, DESCRIPTOR(dateTime), "
                + "INTERVAL '10' SECOND))) WHERE rn <= 3");
        assertThat(physical(job)).isEqualTo(""
                + "StreamSink(table=[result], sink=[collect], fields=[auction, bidder, price, channel, url, dateTime, "
                + "window_start, window_end, window_time, rn], parallelism=[4], changelogMode=[I])\n"
                + "  StreamWindowRank(partitionBy=[window_start, window_end], orderBy=[price DESC], "
                + "rankRange=[rank=1..3], rankNumber=[selected], emit=[when watermark passes window_end], "
                + "parallelism=[4], changelogMode=[I])\n"
                + "    StreamExchange(distribution=[hash[window_start, window_end]], parallelism=[4], changelogMode=[I])\n"
                + "      StreamWindowTableFunction(window=[TUMBLE(size=10000ms) ON dateTime], parallelism=[4], "
                + "changelogMode=[I])\n"
                + "        " + SCAN);
        assertThat(jobGraph(job)).endsWith("WindowTopN[rank=1..3] -> Sink: result (parallelism 4) <- HASH[6, 7] "
                + "from vertex 0");
    }

    @Test
    void aTopNOverAWindowAggregateRanksEachWindowOnce() {
        PlannedJob job = fixture.query("SELECT auction, total FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY "
                + "window_start, window_end ORDER BY total DESC) AS rn FROM (SELECT auction, window_start, window_end, "
                + "SUM(price) AS total FROM TABLE(TUMBLE(TABLE bids, DESCRIPTOR(dateTime), INTERVAL '10' SECOND)) "
                + "GROUP BY auction, window_start, window_end)) WHERE rn <= 1");
        assertThat(physical(job)).contains("StreamWindowRank(partitionBy=[window_start, window_end], "
                + "orderBy=[total DESC], rankRange=[rank=1], rankNumber=[not selected], "
                + "emit=[when watermark passes window_end], parallelism=[4], changelogMode=[I])");
        assertThat(physical(job)).startsWith("StreamSink(table=[result], sink=[collect], fields=[auction, total], "
                + "parallelism=[4], changelogMode=[I])");
    }

    @Test
    void overRowsAndRangeAggregatesAreInsertOnlyAndHashedByTheirPartition() {
        PlannedJob rows = fixture.query("SELECT auction, price, COUNT(*) OVER (PARTITION BY auction ORDER BY dateTime "
                + "ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) AS recent FROM bids");
        assertThat(physical(rows)).isEqualTo(""
                + "StreamSink(table=[result], sink=[collect], fields=[auction, price, recent], parallelism=[4], "
                + "changelogMode=[I])\n"
                + "  StreamCalc(select=[auction, price, recent], parallelism=[4], changelogMode=[I])\n"
                + "    StreamOverAggregate(partitionBy=[auction], orderBy=[dateTime], "
                + "frame=[ROWS BETWEEN 2 PRECEDING AND CURRENT ROW], select=[COUNT(*) AS recent], "
                + "emit=[when watermark passes the row's time], parallelism=[4], changelogMode=[I])\n"
                + "      StreamExchange(distribution=[hash[auction]], parallelism=[4], changelogMode=[I])\n"
                + "        StreamCalc(select=[auction, price, dateTime], parallelism=[4], changelogMode=[I])\n"
                + "          " + SCAN);
        PlannedJob range = fixture.query("SELECT auction, MAX(price) OVER w, MIN(price) OVER w FROM bids WINDOW w AS "
                + "(ORDER BY dateTime RANGE BETWEEN INTERVAL '1' MINUTE PRECEDING AND CURRENT ROW)");
        assertThat(physical(range)).contains("StreamOverAggregate(orderBy=[dateTime], "
                + "frame=[RANGE BETWEEN 60000ms PRECEDING AND CURRENT ROW], select=[MAX(price) AS EXPR$1, "
                + "MIN(price) AS EXPR$2], emit=[when watermark passes the row's time], parallelism=[1], "
                + "changelogMode=[I])");
        PlannedJob unbounded = fixture.query("SELECT SUM(price) OVER (PARTITION BY bidder ORDER BY dateTime) FROM bids");
        assertThat(physical(unbounded)).contains("frame=[RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW]");
    }

    @Test
    void aRowNumberWithoutABoundIsRefused() {
        String message = "ROW_NUMBER() on a stream needs a filter on its result that bounds it, such as WHERE rn <= 10 "
                + "(top-N) or WHERE rn = 1 (deduplication): without one every row would be kept and renumbered forever";
        assertThat(fails("SELECT auction, ROW_NUMBER() OVER (PARTITION BY auction ORDER BY price) FROM bids")
                .getMessage()).isEqualTo(message);
        assertThat(fails("SELECT * FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY auction ORDER BY price) AS rn "
                + "FROM bids) WHERE rn > 3").getMessage()).isEqualTo(message);
    }

    @Test
    void unsupportedRankingsAndOverWindowsAreNamed() {
        assertThat(fails("SELECT * FROM (SELECT *, RANK() OVER (PARTITION BY auction ORDER BY price) AS r FROM bids) "
                + "WHERE r <= 3").getMessage()).isEqualTo("RANK() on a stream is not supported yet: use ROW_NUMBER()");
        assertThat(fails("SELECT COUNT(*) OVER (PARTITION BY id ORDER BY ts) FROM plain").getMessage())
                .isEqualTo("An OVER window on a stream must be ordered by one time attribute ascending (a column "
                        + "declared with WATERMARK FOR … in CREATE TABLE): 'ts' is not one");
        assertThat(fails("SELECT COUNT(*) OVER (PARTITION BY auction ORDER BY dateTime DESC) FROM bids").getMessage())
                .startsWith("An OVER window on a stream must be ordered by one time attribute ascending");
        assertThat(fails("SELECT COUNT(*) OVER (PARTITION BY auction ORDER BY dateTime), "
                + "COUNT(*) OVER (PARTITION BY bidder ORDER BY dateTime) FROM bids").getMessage())
                .startsWith("OVER aggregates over different windows");
        assertThat(fails("SELECT k, SUM(n) OVER (PARTITION BY k ORDER BY t) FROM (SELECT auction AS k, "
                + "COUNT(*) AS n, MAX(dateTime) AS t FROM bids GROUP BY auction)").getMessage())
                .startsWith("An OVER window on a stream must be ordered by one time attribute ascending");
    }

    private SluiceException fails(String sql) {
        SluiceException e = fixture.failure(() -> fixture.query(sql));
        assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED);
        return e;
    }
}
