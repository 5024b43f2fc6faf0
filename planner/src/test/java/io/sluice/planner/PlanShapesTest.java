package io.sluice.planner;

import static io.sluice.planner.PlannerFixture.jobGraph;
import static io.sluice.planner.PlannerFixture.physical;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Physical plan text for each supported query shape. */
class PlanShapesTest {
    private static final String SCAN = "StreamTableSourceScan(table=[bids], source=[datagen[rows-per-second=10000, "
            + "number-of-rows=10]], fields=[auction, bidder, price, channel, url, dateTime], "
            + "watermark=[dateTime AS dateTime - INTERVAL '4' SECOND], parallelism=[4], changelogMode=[I])";

    private final PlannerFixture fixture = new PlannerFixture(PlannerFixture.BIDS, PlannerFixture.NO_TIME,
            PlannerFixture.SINK);

    @Test
    void projectionAndFilterBecomeOneCalcChainedToTheSource() {
        PlannedJob job = fixture.query("SELECT auction, price * 0.908 AS euro FROM bids WHERE MOD(auction, 123) = 0");
        assertThat(physical(job)).isEqualTo(""
                + "StreamSink(table=[result], sink=[collect], fields=[auction, euro], parallelism=[4], changelogMode=[I])\n"
                + "  StreamCalc(select=[auction, (price * 0.908) AS euro], where=[(MOD(auction, 123) = 0)], parallelism=[4], changelogMode=[I])\n"
                + "    " + SCAN);
        assertThat(jobGraph(job)).isEqualTo("Vertex 0: Source: bids -> Calc -> Sink: result (parallelism 4)");
    }

    @Test
    void keyedTumbleAggregateHashesByKeyAndAssignsWindowsInTheAggregate() {
        PlannedJob job = fixture.query("SELECT auction, window_start, window_end, COUNT(*) AS cnt "
                + "FROM TABLE(TUMBLE(TABLE bids, DESCRIPTOR(dateTime), INTERVAL '10' SECOND)) "
                + "GROUP BY auction, window_start, window_end");
        assertThat(physical(job)).isEqualTo(""
                + "StreamSink(table=[result], sink=[collect], fields=[auction, window_start, window_end, cnt], parallelism=[4], changelogMode=[I])\n"
                + "  StreamCalc(select=[auction, window_start, window_end, cnt], parallelism=[4], changelogMode=[I])\n"
                + "    StreamWindowAggregate(window=[TUMBLE(size=10000ms) ON dateTime], groupBy=[auction], "
                + "select=[COUNT(*) AS cnt], emit=[when watermark passes window end], parallelism=[4], changelogMode=[I])\n"
                + "      StreamExchange(distribution=[hash[auction]], parallelism=[4], changelogMode=[I])\n"
                + "        StreamCalc(select=[dateTime, auction], parallelism=[4], changelogMode=[I])\n"
                + "          " + SCAN);
        assertThat(jobGraph(job)).isEqualTo(""
                + "Vertex 0: Source: bids -> Calc (parallelism 4)\n"
                + "Vertex 1: WindowAggregate[TUMBLE(size=10000ms)] -> Calc -> Sink: result (parallelism 4) "
                + "<- HASH[1] from vertex 0");
    }

    @Test
    void globalWindowAggregateRunsInOneTask() {
        PlannedJob job = fixture.query("SELECT window_start, window_end, MAX(price) "
                + "FROM TABLE(TUMBLE(TABLE bids, DESCRIPTOR(dateTime), INTERVAL '10' SECOND)) "
                + "GROUP BY window_start, window_end");
        assertThat(physical(job)).contains(
                "StreamWindowAggregate(window=[TUMBLE(size=10000ms) ON dateTime], select=[MAX(price) AS EXPR$2], "
                        + "emit=[when watermark passes window end], parallelism=[1], changelogMode=[I])\n"
                        + "      StreamExchange(distribution=[singleton], parallelism=[1], changelogMode=[I])");
        assertThat(jobGraph(job)).endsWith("(parallelism 1) <- SINGLETON from vertex 0");
    }

    @Test
    void hopAndCumulateWithDistinctAndFilter() {
        PlannedJob hop = fixture.query("SELECT auction, window_start, COUNT(DISTINCT bidder) AS bidders, "
                + "COUNT(*) FILTER (WHERE price > 10) AS expensive "
                + "FROM TABLE(HOP(TABLE bids, DESCRIPTOR(dateTime), INTERVAL '2' SECOND, INTERVAL '10' SECOND)) "
                + "GROUP BY auction, window_start, window_end");
        assertThat(physical(hop)).contains("StreamWindowAggregate(window=[HOP(slide=2000ms, size=10000ms) ON dateTime], "
                + "groupBy=[auction], select=[COUNT(DISTINCT bidder) AS bidders, COUNT(*) FILTER $f4 AS expensive]");
        PlannedJob cumulate = fixture.query("SELECT window_start, window_end, SUM(price) AS total "
                + "FROM TABLE(CUMULATE(TABLE bids, DESCRIPTOR(dateTime), INTERVAL '1' MINUTE, INTERVAL '1' HOUR)) "
                + "GROUP BY window_start, window_end");
        assertThat(physical(cumulate)).contains(
                "StreamWindowAggregate(window=[CUMULATE(step=60000ms, size=3600000ms) ON dateTime], select=[SUM(price) AS total]");
    }

    @Test
    void groupByWithoutAWindowIsAnUpdatingAggregateHashedByItsKeys() {
        PlannedJob job = fixture.query("SELECT auction, COUNT(*) AS bids, MAX(price) FILTER (WHERE channel = 'app') AS top "
                + "FROM bids GROUP BY auction");
        assertThat(physical(job)).isEqualTo(""
                + "StreamSink(table=[result], sink=[collect], fields=[auction, bids, top], parallelism=[4], "
                + "changelogMode=[I,UB,UA,D])\n"
                + "  StreamGroupAggregate(groupBy=[auction], select=[COUNT(*) AS bids, MAX(price) FILTER $f2 AS top], "
                + "parallelism=[4], changelogMode=[I,UB,UA,D])\n"
                + "    StreamExchange(distribution=[hash[auction]], parallelism=[4], changelogMode=[I])\n"
                + "      StreamCalc(select=[auction, price, IS TRUE((channel = 'app')) AS $f2], parallelism=[4], changelogMode=[I])\n"
                + "        " + SCAN);
        assertThat(jobGraph(job)).isEqualTo(""
                + "Vertex 0: Source: bids -> Calc (parallelism 4)\n"
                + "Vertex 1: GroupAggregate -> Sink: result (parallelism 4) <- HASH[0] from vertex 0");
    }

    @Test
    void windowTableFunctionWithoutAggregationCopiesRowsPerWindow() {
        PlannedJob job = fixture.query("SELECT * FROM TABLE(HOP(TABLE bids, DESCRIPTOR(dateTime), "
                + "INTERVAL '5' SECOND, INTERVAL '10' SECOND))");
        assertThat(physical(job)).isEqualTo(""
                + "StreamSink(table=[result], sink=[collect], fields=[auction, bidder, price, channel, url, dateTime, "
                + "window_start, window_end, window_time], parallelism=[4], changelogMode=[I])\n"
                + "  StreamWindowTableFunction(window=[HOP(slide=5000ms, size=10000ms) ON dateTime], parallelism=[4], changelogMode=[I])\n"
                + "    " + SCAN);
    }

    @Test
    void unionAllMergesStreamsInOneTask() {
        // both branches scan bids alike: the table is read once (SharedSubPlansTest)
        PlannedJob job = fixture.query("SELECT auction FROM bids UNION ALL SELECT auction + 1 FROM bids");
        assertThat(jobGraph(job)).isEqualTo(""
                + "Vertex 0: Source: bids (parallelism 4); shared by vertex 1, vertex 2\n"
                + "Vertex 1: Calc (parallelism 4) <- FORWARD from vertex 0\n"
                + "Vertex 2: Calc (parallelism 4) <- FORWARD from vertex 0\n"
                + "Vertex 3: Union -> Sink: result (parallelism 4) <- FORWARD from vertex 1 <- FORWARD from vertex 2");
    }

    @Test
    void insertValuesIsABoundedSingleTaskSource() {
        PlannedJob job = fixture.insert("INSERT INTO sink1 VALUES (1, 2.5), (2, 3)");
        assertThat(physical(job)).isEqualTo(""
                + "StreamSink(table=[sink1], sink=[blackhole], fields=[a, b], parallelism=[1], changelogMode=[I])\n"
                + "  StreamTableSourceScan(table=[VALUES], source=[values[2 rows]], fields=[a, b], parallelism=[1], changelogMode=[I])");
        assertThat(job.bounded()).isTrue();
    }

    @Test
    void insertCastsToTheSinkColumnTypes() {
        PlannedJob job = fixture.insert("INSERT INTO sink1 SELECT MOD(auction, 10), price FROM bids");
        assertThat(physical(job)).startsWith(""
                + "StreamSink(table=[sink1], sink=[blackhole], fields=[a, b], parallelism=[4], changelogMode=[I])\n"
                + "  StreamCalc(select=[CAST(MOD(auction, 10) AS BIGINT) AS a, price AS b]");
    }

    @Test
    void viewsExpandWhereTheyAreUsed() {
        PlannerFixture withView = new PlannerFixture(PlannerFixture.BIDS,
                "CREATE VIEW cheap AS SELECT auction, price FROM bids WHERE price < 10");
        PlannedJob job = withView.query("SELECT auction FROM cheap WHERE auction > 3");
        assertThat(physical(job)).contains("StreamCalc(select=[auction], where=[((CAST(price AS DECIMAL(12, 2)) < 10.00) AND (auction > 3))]");
    }

    @Test
    void sinkParallelismRebalancesIntoTheSink() {
        PlannerFixture withSink = new PlannerFixture(PlannerFixture.BIDS,
                "CREATE TABLE sink_one (a BIGINT) WITH ('connector' = 'print', 'sink.parallelism' = '1')",
                "CREATE TABLE sink_two (a BIGINT) WITH ('connector' = 'print', 'sink.parallelism' = '2')");
        assertThat(jobGraph(withSink.insert("INSERT INTO sink_one SELECT auction FROM bids"))).isEqualTo(""
                + "Vertex 0: Source: bids -> Calc (parallelism 4)\n"
                + "Vertex 1: Sink: sink_one (parallelism 1) <- SINGLETON from vertex 0");
        assertThat(jobGraph(withSink.insert("INSERT INTO sink_two SELECT auction FROM bids")))
                .endsWith("Vertex 1: Sink: sink_two (parallelism 2) <- REBALANCE from vertex 0");
    }
}
