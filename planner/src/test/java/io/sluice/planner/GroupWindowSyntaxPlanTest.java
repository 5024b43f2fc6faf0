package io.sluice.planner;

import static io.sluice.planner.PlannerFixture.jobGraph;
import static io.sluice.planner.PlannerFixture.physical;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.executor.error.SluiceException;
import org.junit.jupiter.api.Test;

/** Flink's group-window syntax plans onto the same window aggregations as the window table functions. */
class GroupWindowSyntaxPlanTest {
    private final PlannerFixture fixture = new PlannerFixture(PlannerFixture.BIDS, PlannerFixture.NO_TIME);

    private SluiceException queryFails(String sql) {
        return fixture.failure(() -> fixture.query(sql));
    }

    /** The physical plan from the aggregation down, which both syntaxes must share. */
    private static String fromAggregate(PlannedJob job) {
        String plan = physical(job);
        return plan.substring(plan.indexOf("Stream", plan.indexOf("Aggregate") - 20));
    }

    @Test
    void nexmarkQuery11RunsTheSessionOperatorKeyedByBidder() {
        PlannedJob job = fixture.query("SELECT B.bidder, count(*) as bid_count, "
                + "SESSION_START(B.dateTime, INTERVAL '10' SECOND) as starttime, "
                + "SESSION_END(B.dateTime, INTERVAL '10' SECOND) as endtime "
                + "FROM bids B GROUP BY B.bidder, SESSION(B.dateTime, INTERVAL '10' SECOND)");
        assertThat(physical(job)).startsWith(""
                + "StreamSink(table=[result], sink=[collect], fields=[bidder, bid_count, starttime, endtime], "
                + "parallelism=[4], changelogMode=[I])\n"
                + "  StreamCalc(select=[bidder, bid_count, window_start AS starttime, window_end AS endtime], "
                + "parallelism=[4], changelogMode=[I])\n"
                + "    StreamSessionWindowAggregate(window=[SESSION(gap=10000ms) ON dateTime], groupBy=[bidder], "
                + "select=[COUNT(*) AS bid_count], emit=[when watermark passes session end], parallelism=[4], "
                + "changelogMode=[I])\n"
                + "      StreamExchange(distribution=[hash[bidder]], parallelism=[4], changelogMode=[I])\n");
        assertThat(jobGraph(job)).endsWith("Vertex 1: SessionWindowAggregate[SESSION(gap=10000ms)] -> Calc -> "
                + "Sink: result (parallelism 4) <- HASH[1] from vertex 0");
        PlannedJob tvf = fixture.query("SELECT B.bidder, count(*) as bid_count, window_start as starttime, "
                + "window_end as endtime FROM TABLE(SESSION(TABLE bids PARTITION BY bidder, DESCRIPTOR(dateTime), "
                + "INTERVAL '10' SECOND)) B GROUP BY B.bidder, window_start, window_end");
        assertThat(physical(tvf)).isEqualTo(physical(job));
    }

    @Test
    void tumbleAndHopPlanLikeTheirTableFunctions() {
        PlannedJob tumble = fixture.query("SELECT auction, MAX(price), TUMBLE_END(dateTime, INTERVAL '10' SECOND) "
                + "FROM bids GROUP BY auction, TUMBLE(dateTime, INTERVAL '10' SECOND)");
        PlannedJob tumbleTvf = fixture.query("SELECT auction, MAX(price), window_end FROM TABLE(TUMBLE(TABLE bids, "
                + "DESCRIPTOR(dateTime), INTERVAL '10' SECOND)) GROUP BY auction, window_start, window_end");
        assertThat(physical(tumble)).contains("StreamCalc(select=[auction, EXPR$1, window_end AS EXPR$2]")
                .contains("StreamWindowAggregate(window=[TUMBLE(size=10000ms) ON dateTime], groupBy=[auction], "
                        + "select=[MAX(price) AS EXPR$1]");
        assertThat(fromAggregate(tumble)).isEqualTo(fromAggregate(tumbleTvf));

        PlannedJob hop = fixture.query("SELECT HOP_START(dateTime, INTERVAL '2' SECOND, INTERVAL '10' SECOND), "
                + "HOP_ROWTIME(dateTime, INTERVAL '2' SECOND, INTERVAL '10' SECOND), COUNT(*) "
                + "FROM bids GROUP BY HOP(dateTime, INTERVAL '2' SECOND, INTERVAL '10' SECOND) HAVING COUNT(*) > 1");
        assertThat(physical(hop)).contains("where=[(EXPR$2 > 1)]")
                .contains("StreamWindowAggregate(window=[HOP(slide=2000ms, size=10000ms) ON dateTime], "
                        + "select=[COUNT(*) AS EXPR$2]");
    }

    @Test
    void rowtimeOfAGroupWindowFeedsAnotherWindow() {
        PlannedJob job = fixture.query("SELECT TUMBLE_START(rt, INTERVAL '1' MINUTE), SUM(c) FROM ("
                + "SELECT COUNT(*) AS c, TUMBLE_ROWTIME(dateTime, INTERVAL '10' SECOND) AS rt FROM bids "
                + "GROUP BY auction, TUMBLE(dateTime, INTERVAL '10' SECOND)) GROUP BY TUMBLE(rt, INTERVAL '1' MINUTE)");
        assertThat(physical(job))
                .contains("StreamWindowAggregate(window=[TUMBLE(size=60000ms) ON $window_time]")
                .contains("StreamWindowAggregate(window=[TUMBLE(size=10000ms) ON dateTime], groupBy=[auction]");
        // unlike Flink, TUMBLE_END is a time attribute too: it is never behind the watermark
        assertThat(physical(fixture.query("SELECT TUMBLE_START(e, INTERVAL '1' MINUTE), SUM(c) FROM ("
                + "SELECT COUNT(*) AS c, TUMBLE_END(dateTime, INTERVAL '10' SECOND) AS e FROM bids "
                + "GROUP BY TUMBLE(dateTime, INTERVAL '10' SECOND)) GROUP BY TUMBLE(e, INTERVAL '1' MINUTE)")))
                .contains("StreamWindowAggregate(window=[TUMBLE(size=60000ms) ON ");
        // TUMBLE_START is a plain timestamp, behind the watermark
        assertThat(queryFails("SELECT TUMBLE_START(s, INTERVAL '1' MINUTE), SUM(c) FROM ("
                + "SELECT COUNT(*) AS c, TUMBLE_START(dateTime, INTERVAL '10' SECOND) AS s FROM bids "
                + "GROUP BY TUMBLE(dateTime, INTERVAL '10' SECOND)) GROUP BY TUMBLE(s, INTERVAL '1' MINUTE)")
                .getMessage()).startsWith("The window time column '");
    }

    @Test
    void mistakesAreNamed() {
        assertThat(queryFails("SELECT TUMBLE_END(dateTime, INTERVAL '10' SECOND), COUNT(*) FROM bids GROUP BY auction")
                .getMessage()).isEqualTo("line 1, column 8: TUMBLE_END needs a GROUP BY TUMBLE(…) with the same "
                        + "time column and intervals in the same query");
        assertThat(queryFails("SELECT SESSION_ROWTIME(dateTime, INTERVAL '5' SECOND), COUNT(*) FROM bids "
                + "GROUP BY SESSION(dateTime, INTERVAL '10' SECOND)").getMessage())
                .isEqualTo("line 1, column 8: SESSION_ROWTIME needs a GROUP BY SESSION(…) with the same "
                        + "time column and intervals in the same query");
        assertThat(queryFails("SELECT TUMBLE_START(ts, INTERVAL '1' MINUTE), COUNT(*) FROM plain "
                + "GROUP BY TUMBLE(ts, INTERVAL '1' MINUTE)").getMessage())
                .isEqualTo("The window time column 'ts' is not a time attribute: "
                        + "declare it with WATERMARK FOR ts AS … in CREATE TABLE");
        assertThat(queryFails("SELECT COUNT(*) FROM bids GROUP BY TUMBLE(dateTime, INTERVAL '1' MINUTE), "
                + "SESSION(dateTime, INTERVAL '1' MINUTE)").getMessage())
                .isEqualTo("A GROUP BY may have one group window (TUMBLE, HOP or SESSION), not several");
    }
}
