package io.sluice.planner;

import static io.sluice.planner.PlannerFixture.jobGraph;
import static io.sluice.planner.PlannerFixture.physical;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import org.junit.jupiter.api.Test;

/** Which stream join each JOIN becomes, its changelog mode, and the joins that are refused. */
class JoinPlanTest {
    static final String PERSON = "CREATE TABLE person (id BIGINT, name STRING, city STRING, state STRING, "
            + "dateTime TIMESTAMP(3), WATERMARK FOR dateTime AS dateTime - INTERVAL '4' SECOND) "
            + "WITH ('connector' = 'datagen', 'number-of-rows' = '10')";
    static final String AUCTION = "CREATE TABLE auction (id BIGINT, seller BIGINT, category BIGINT, "
            + "dateTime TIMESTAMP(3), expires TIMESTAMP(3), WATERMARK FOR dateTime AS dateTime - INTERVAL '4' SECOND) "
            + "WITH ('connector' = 'datagen', 'number-of-rows' = '10')";
    private static final String Q8 = "SELECT P.id, P.name, P.starttime FROM (SELECT id, name, window_start AS starttime, "
            + "window_end AS endtime FROM TABLE(TUMBLE(TABLE person, DESCRIPTOR(dateTime), INTERVAL '10' SECOND)) "
            + "GROUP BY id, name, window_start, window_end) P JOIN (SELECT seller, window_start AS starttime, "
            + "window_end AS endtime FROM TABLE(TUMBLE(TABLE auction, DESCRIPTOR(dateTime), INTERVAL '10' SECOND)) "
            + "GROUP BY seller, window_start, window_end) A ON P.id = A.seller AND P.starttime = A.starttime";

    private final PlannerFixture fixture = new PlannerFixture(PlannerFixture.BIDS, PlannerFixture.NO_TIME, PERSON,
            AUCTION,
            "CREATE VIEW early_bids AS SELECT a.id, b.dateTime FROM auction a JOIN bids b ON a.id = b.auction "
                    + "AND b.dateTime >= a.dateTime AND b.dateTime < a.dateTime + INTERVAL '5' SECOND",
            "CREATE VIEW any_bids AS SELECT a.id, b.dateTime FROM auction a JOIN bids b ON a.id = b.auction");

    @Test
    void innerJoinOfInsertOnlyInputsHashesBothSidesByTheKeysAndIsInsertOnly() {
        PlannedJob job = fixture.query("SELECT P.name, P.city, P.state, A.id FROM auction AS A INNER JOIN person AS P "
                + "on A.seller = P.id WHERE A.category = 10 and (P.state = 'OR' OR P.state = 'ID')");
        assertThat(physical(job)).contains(""
                + "    StreamJoin(joinType=[INNER], equalTo=[seller = id0], parallelism=[4], changelogMode=[I])\n"
                + "      StreamExchange(distribution=[hash[seller]], parallelism=[4], changelogMode=[I])\n"
                + "        StreamCalc(select=[id, seller, category, dateTime, expires], where=[(category = 10)], "
                + "parallelism=[4], changelogMode=[I])\n");
        assertThat(physical(job)).contains("      StreamExchange(distribution=[hash[id]], parallelism=[4], changelogMode=[I])\n"
                + "        StreamCalc(select=[id, name, city, state, dateTime], where=[SEARCH(state");
        assertThat(jobGraph(job)).endsWith("Vertex 2: Join[INNER] -> Calc -> Sink: result (parallelism 4) "
                + "<- HASH[1] from vertex 0 <- HASH[0] from vertex 1");
    }

    @Test
    void aCommaJoinTakesItsWhereAsKeysAndResidual() {
        PlannedJob job = fixture.query("SELECT MAX(B.price) AS final, A.category FROM auction A, bids B "
                + "WHERE A.id = B.auction AND B.dateTime BETWEEN A.dateTime AND A.expires GROUP BY A.id, A.category");
        // expires is no time attribute: a regular join, the time condition only filters
        assertThat(physical(job)).contains("StreamJoin(joinType=[INNER], equalTo=[id = auction], "
                + "where=[((dateTime0 >= dateTime) AND (dateTime0 <= expires))], parallelism=[4], changelogMode=[I])");
    }

    @Test
    void outerJoinsAndJoinsOfUpdatingInputsRetract() {
        assertThat(physical(fixture.query("SELECT a.id, b.price FROM auction a LEFT JOIN bids b ON a.id = b.auction")))
                .contains("StreamJoin(joinType=[LEFT], equalTo=[id = auction], parallelism=[4], "
                        + "changelogMode=[I,UB,UA,D])");
        assertThat(physical(fixture.query("SELECT a.id, b.price FROM auction a FULL JOIN bids b ON a.id = b.auction")))
                .contains("StreamJoin(joinType=[FULL], equalTo=[id = auction], parallelism=[4], "
                        + "changelogMode=[I,UB,UA,D])");
        PlannedJob job = fixture.query("SELECT k.auction, k.cnt, a.seller FROM (SELECT auction, COUNT(*) AS cnt "
                + "FROM bids GROUP BY auction) k JOIN auction a ON k.auction = a.id");
        assertThat(physical(job)).contains(""
                + "    StreamJoin(joinType=[INNER], equalTo=[auction = id], parallelism=[4], changelogMode=[I,UB,UA,D])\n"
                + "      StreamExchange(distribution=[hash[auction]], parallelism=[4], changelogMode=[I,UB,UA,D])\n"
                + "        StreamGroupAggregate(");
    }

    @Test
    void boundsOnBothRowtimesMakeAnIntervalJoinWhoseOutputKeepsItsTimeAttribute() {
        PlannedJob outer = fixture.query("SELECT a.id, b.price FROM auction a LEFT JOIN bids b ON a.id = b.auction AND "
                + "b.dateTime BETWEEN a.dateTime - INTERVAL '10' SECOND AND a.dateTime + INTERVAL '5' SECOND");
        assertThat(physical(outer)).contains("StreamIntervalJoin(joinType=[LEFT], equalTo=[id = auction], "
                + "interval=[-10000ms <= dateTime0 - dateTime <= 5000ms], where=[");
        assertThat(physical(outer)).contains("parallelism=[4], changelogMode=[I])");
        assertThat(jobGraph(outer)).endsWith("IntervalJoin[LEFT] -> Calc -> Sink: result (parallelism 4) "
                + "<- HASH[0] from vertex 0 <- HASH[0] from vertex 1");

        PlannedJob windowed = fixture.query("SELECT window_start, COUNT(*) FROM TABLE(TUMBLE(TABLE early_bids, "
                + "DESCRIPTOR(dateTime), INTERVAL '10' SECOND)) GROUP BY window_start, window_end");
        // a strict upper bound is one millisecond tighter
        assertThat(physical(windowed)).contains("StreamIntervalJoin(joinType=[INNER], equalTo=[id = auction], "
                + "interval=[0ms <= dateTime0 - dateTime <= 4999ms]");
        assertThat(physical(windowed)).contains("StreamWindowAggregate(window=[TUMBLE(size=10000ms) ON dateTime]");
    }

    @Test
    void aRegularJoinsTimeColumnsAreNoTimeAttributes() {
        SluiceException e = fixture.failure(() -> fixture.query("SELECT window_start, COUNT(*) FROM TABLE(TUMBLE("
                + "TABLE any_bids, DESCRIPTOR(dateTime), INTERVAL '10' SECOND)) GROUP BY window_start, window_end"));
        assertThat(e.getMessage()).startsWith("The window time column 'dateTime' is not a time attribute");
    }

    @Test
    void equalWindowsOfTwoWindowAggregatesMakeAWindowJoin() {
        PlannedJob job = fixture.query(Q8 + " AND P.endtime = A.endtime");
        assertThat(physical(job)).contains(""
                + "    StreamWindowJoin(joinType=[INNER], equalTo=[id = seller, starttime = starttime0], "
                + "window=[endtime = endtime0], emit=[when watermark passes window end], parallelism=[4], "
                + "changelogMode=[I])\n"
                + "      StreamExchange(distribution=[hash[id, starttime]], parallelism=[4], changelogMode=[I])\n"
                + "        StreamCalc(select=[id, name, window_start AS starttime, window_end AS endtime], "
                + "parallelism=[4], changelogMode=[I])\n"
                + "          StreamWindowAggregate(");
        assertThat(jobGraph(job)).endsWith("Vertex 4: WindowJoin[INNER] -> Calc -> Sink: result (parallelism 4) "
                + "<- HASH[0, 2] from vertex 1 <- HASH[0, 1] from vertex 3");
    }

    @Test
    void withoutEqualWindowEndsItIsARegularJoin() {
        assertThat(physical(fixture.query(Q8))).contains("StreamJoin(joinType=[INNER], "
                + "equalTo=[id = seller, starttime = starttime0], parallelism=[4], changelogMode=[I])");
    }

    @Test
    void aWindowAggregateJoinedWithinBoundsOfItsWindowEndIsAnIntervalJoin() {
        // Nexmark q7: window_end is never behind the watermark, so it bounds the join's state like a rowtime
        PlannedJob job = fixture.query("SELECT B.auction, B.price, B.bidder, B.dateTime FROM bids B JOIN (SELECT "
                + "MAX(price) AS maxprice, window_end AS dateTime FROM TABLE(TUMBLE(TABLE bids, DESCRIPTOR(dateTime), "
                + "INTERVAL '10' SECOND)) GROUP BY window_start, window_end) B1 ON B.price = B1.maxprice "
                + "WHERE B.dateTime BETWEEN B1.dateTime - INTERVAL '10' SECOND AND B1.dateTime");
        assertThat(physical(job)).contains("StreamIntervalJoin(joinType=[INNER], equalTo=[price = maxprice], "
                + "interval=[0ms <= dateTime0 - dateTime <= 10000ms]");
        // window_start is behind the watermark: a join bounded by it keeps its state
        PlannedJob byStart = fixture.query("SELECT B.auction, B.price FROM bids B JOIN (SELECT "
                + "MAX(price) AS maxprice, window_start AS dateTime FROM TABLE(TUMBLE(TABLE bids, DESCRIPTOR(dateTime), "
                + "INTERVAL '10' SECOND)) GROUP BY window_start, window_end) B1 ON B.price = B1.maxprice "
                + "WHERE B.dateTime BETWEEN B1.dateTime AND B1.dateTime + INTERVAL '10' SECOND");
        assertThat(physical(byStart)).contains("StreamJoin(joinType=[INNER], equalTo=[price = maxprice], where=[");
    }

    @Test
    void aJoinWithoutEqualityKeysIsRefused() {
        SluiceException e = fixture.failure(() -> fixture.query("SELECT * FROM auction a, bids b"));
        assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED);
        assertThat(e.getMessage()).startsWith("A join needs an equality condition between its inputs "
                + "(such as a.id = b.id)");
        SluiceException nonEqui = fixture.failure(() -> fixture.query(
                "SELECT * FROM auction a JOIN bids b ON a.id < b.auction"));
        assertThat(nonEqui.getMessage()).startsWith("A join needs an equality condition");
    }

    @Test
    void anIntervalJoinNeedsNoKeyAndThenRunsInOneTask() {
        assertThat(physical(fixture.query("SELECT a.id, b.price FROM auction a JOIN bids b ON "
                + "b.dateTime BETWEEN a.dateTime AND a.dateTime + INTERVAL '1' SECOND")))
                .contains("StreamIntervalJoin(joinType=[INNER], interval=[0ms <= dateTime0 - dateTime <= 1000ms]")
                .contains("StreamExchange(distribution=[singleton], parallelism=[1], changelogMode=[I])");
    }

    @Test
    void keyExpressionsAreComputedBeforeTheExchange() {
        assertThat(physical(fixture.query("SELECT a.id FROM auction a JOIN bids b ON a.id + 1 = b.auction")))
                .contains("StreamJoin(joinType=[INNER], equalTo=[$f5 = auction]")
                .contains("StreamExchange(distribution=[hash[$f5]]")
                .contains("(id + 1) AS $f5");
    }

    @Test
    void aTemporalJoinOnATableWithoutPrimaryKeyIsRefused() {
        // auction has a WATERMARK but no PRIMARY KEY, so it is no versioned table (TemporalJoinPlanTest plans them)
        SluiceException e = fixture.failure(() -> fixture.query("SELECT b.auction, a.seller FROM bids b JOIN auction "
                + "FOR SYSTEM_TIME AS OF b.dateTime AS a ON b.auction = a.id"));
        assertThat(e.getMessage()).endsWith("table 'auction' has no PRIMARY KEY");
    }
}
