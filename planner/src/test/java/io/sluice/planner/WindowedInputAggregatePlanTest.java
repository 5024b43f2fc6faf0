package io.sluice.planner;

import static io.sluice.planner.PlannerFixture.jobGraph;
import static io.sluice.planner.PlannerFixture.physical;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * GROUP BY window_start, window_end over the result of a window aggregate is a window aggregate
 * too (insert-only, its state dropped when the window fires), as in Flink SQL; a GROUP BY that
 * keeps only one of them stays an updating aggregate.
 */
class WindowedInputAggregatePlanTest {
    private static final String AUCTION_COUNTS = "SELECT auction, COUNT(*) AS num, window_start AS starttime, "
            + "window_end AS endtime FROM TABLE(HOP(TABLE bids, DESCRIPTOR(dateTime), INTERVAL '2' SECOND, "
            + "INTERVAL '10' SECOND)) GROUP BY auction, window_start, window_end";
    private static final String NEXMARK_Q5 = "SELECT AuctionBids.auction, AuctionBids.num FROM (" + AUCTION_COUNTS
            + ") AS AuctionBids JOIN (SELECT MAX(CountBids.num) AS maxn, CountBids.starttime, CountBids.endtime FROM ("
            + AUCTION_COUNTS + ") AS CountBids GROUP BY CountBids.starttime, CountBids.endtime) AS MaxBids "
            + "ON AuctionBids.starttime = MaxBids.starttime AND AuctionBids.endtime = MaxBids.endtime "
            + "AND AuctionBids.num >= MaxBids.maxn";

    private final PlannerFixture fixture = new PlannerFixture(PlannerFixture.BIDS);

    @Test
    void aggregateOverAWindowAggregatesWindowIsAWindowAggregateHashedByTheWindow() {
        PlannedJob job = fixture.query("SELECT starttime, endtime, MAX(num) AS maxn FROM (" + AUCTION_COUNTS
                + ") GROUP BY starttime, endtime");
        assertThat(physical(job)).contains(""
                + "  StreamCalc(select=[window_start AS starttime, window_end AS endtime, maxn], parallelism=[4], "
                + "changelogMode=[I])\n"
                + "    StreamWindowAggregate(window=[WINDOWED INPUT(start=starttime, end=endtime)], "
                + "select=[MAX(num) AS maxn], emit=[when watermark passes window end], parallelism=[4], "
                + "changelogMode=[I])\n"
                + "      StreamExchange(distribution=[hash[starttime]], parallelism=[4], changelogMode=[I])\n");
        assertThat(jobGraph(job)).contains("WindowAggregate[WINDOWED INPUT] -> Calc");
    }

    @Test
    void otherGroupingKeysComeFirstAndAreHashedWithTheWindowStart() {
        PlannedJob job = fixture.query("SELECT endtime, num, starttime, COUNT(*) AS auctions FROM (" + AUCTION_COUNTS
                + ") GROUP BY endtime, num, starttime");
        assertThat(physical(job))
                .contains("StreamCalc(select=[window_end AS endtime, num, window_start AS starttime, auctions]")
                .contains("StreamWindowAggregate(window=[WINDOWED INPUT(start=starttime, end=endtime)], groupBy=[num], "
                        + "select=[COUNT(*) AS auctions]")
                .contains("StreamExchange(distribution=[hash[num, starttime]]");
    }

    @Test
    void nexmarkQ5JoinsTwoWindowAggregatesInAWindowJoin() {
        String plan = physical(fixture.query(NEXMARK_Q5));
        assertThat(plan).contains("StreamWindowJoin(joinType=[INNER], equalTo=[starttime = starttime0], "
                + "window=[endtime = endtime0], emit=[when watermark passes window end], where=[(num >= maxn)], "
                + "parallelism=[4], changelogMode=[I])");
        assertThat(plan).doesNotContain("StreamGroupAggregate").doesNotContain("StreamJoin(");
    }

    @Test
    void withoutBothWindowColumnsItStaysAGroupAggregate() {
        assertThat(physical(fixture.query("SELECT endtime, MAX(num) FROM (" + AUCTION_COUNTS + ") GROUP BY endtime")))
                .contains("StreamGroupAggregate(groupBy=[endtime], select=[MAX(num)")
                .doesNotContain("WINDOWED INPUT");
    }
}
