package io.sluice.planner;

import static io.sluice.planner.PlannerFixture.jobGraph;
import static io.sluice.planner.PlannerFixture.physical;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import org.junit.jupiter.api.Test;

/** EXPLAIN of SESSION window aggregations, and the mistakes they refuse. */
class SessionWindowPlanTest {
    private static final String SCAN = "StreamTableSourceScan(table=[bids], source=[datagen[rows-per-second=10000, "
            + "number-of-rows=10]], fields=[auction, bidder, price, channel, url, dateTime], "
            + "watermark=[dateTime AS dateTime - INTERVAL '4' SECOND], parallelism=[4], changelogMode=[I])";

    private final PlannerFixture fixture = new PlannerFixture(PlannerFixture.BIDS, PlannerFixture.NO_TIME);

    private SluiceException queryFails(String sql) {
        return fixture.failure(() -> fixture.query(sql));
    }

    @Test
    void partitionedSessionAggregateHashesByItsKeysAndRunsTheSessionOperator() {
        PlannedJob job = fixture.query("SELECT bidder, window_start, window_end, COUNT(*) AS bids, MAX(price) AS top "
                + "FROM TABLE(SESSION(TABLE bids PARTITION BY bidder, DESCRIPTOR(dateTime), INTERVAL '10' SECOND)) "
                + "GROUP BY bidder, window_start, window_end");
        assertThat(physical(job)).isEqualTo(""
                + "StreamSink(table=[result], sink=[collect], fields=[bidder, window_start, window_end, bids, top], "
                + "parallelism=[4], changelogMode=[I])\n"
                + "  StreamCalc(select=[bidder, window_start, window_end, bids, top], parallelism=[4], changelogMode=[I])\n"
                + "    StreamSessionWindowAggregate(window=[SESSION(gap=10000ms) ON dateTime], groupBy=[bidder], "
                + "select=[COUNT(*) AS bids, MAX(price) AS top], emit=[when watermark passes session end], "
                + "parallelism=[4], changelogMode=[I])\n"
                + "      StreamExchange(distribution=[hash[bidder]], parallelism=[4], changelogMode=[I])\n"
                + "        StreamCalc(select=[dateTime, bidder, price AS $arg0], parallelism=[4], changelogMode=[I])\n"
                + "          " + SCAN);
        assertThat(jobGraph(job)).isEqualTo(""
                + "Vertex 0: Source: bids -> Calc (parallelism 4)\n"
                + "Vertex 1: SessionWindowAggregate[SESSION(gap=10000ms)] -> Calc -> Sink: result (parallelism 4) "
                + "<- HASH[1] from vertex 0");
    }

    @Test
    void sessionWithoutPartitionByOrKeysRunsInOneTask() {
        PlannedJob job = fixture.query("SELECT window_start, window_end, COUNT(*) "
                + "FROM TABLE(SESSION(TABLE bids, DESCRIPTOR(dateTime), INTERVAL '1' MINUTE)) "
                + "GROUP BY window_start, window_end");
        assertThat(physical(job)).contains(""
                + "    StreamSessionWindowAggregate(window=[SESSION(gap=60000ms) ON dateTime], select=[COUNT(*) AS EXPR$2], "
                + "emit=[when watermark passes session end], parallelism=[1], changelogMode=[I])\n"
                + "      StreamExchange(distribution=[singleton], parallelism=[1], changelogMode=[I])");
    }

    @Test
    void partitionKeysMustBeGrouped() {
        SluiceException e = queryFails("SELECT window_start, window_end, COUNT(*) FROM TABLE(SESSION(TABLE bids "
                + "PARTITION BY bidder, DESCRIPTOR(dateTime), INTERVAL '10' SECOND)) GROUP BY window_start, window_end");
        assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED);
        assertThat(e.getMessage()).isEqualTo("The SESSION window is partitioned by 'bidder', so the window aggregation "
                + "must group by it too: GROUP BY bidder, window_start, window_end");
    }

    @Test
    void sessionNeedsATimeAttributeOfTimestampType() {
        assertThat(queryFails("SELECT id, window_start, window_end, COUNT(*) FROM TABLE(SESSION(TABLE plain "
                + "PARTITION BY id, DESCRIPTOR(ts), INTERVAL '10' SECOND)) GROUP BY id, window_start, window_end")
                .getMessage()).isEqualTo("The window time column 'ts' is not a time attribute: "
                        + "declare it with WATERMARK FOR ts AS … in CREATE TABLE");
        assertThat(queryFails("SELECT window_start, window_end, COUNT(*) FROM TABLE(SESSION(TABLE plain, "
                + "DESCRIPTOR(id), INTERVAL '10' SECOND)) GROUP BY window_start, window_end").getMessage())
                .isEqualTo("line 1, column 86: The window time column 'id' must be of type TIMESTAMP or "
                        + "TIMESTAMP_LTZ, but is BIGINT");
    }

    @Test
    void sessionAloneAndPartitionedTumbleAreRefused() {
        assertThat(queryFails("SELECT * FROM TABLE(SESSION(TABLE bids PARTITION BY bidder, DESCRIPTOR(dateTime), "
                + "INTERVAL '10' SECOND))").getMessage()).isEqualTo("SESSION windows are supported in a window "
                        + "aggregation (GROUP BY window_start, window_end), not as a table on their own");
        assertThat(queryFails("SELECT window_start, window_end, COUNT(*) FROM TABLE(TUMBLE(TABLE bids PARTITION BY "
                + "bidder, DESCRIPTOR(dateTime), INTERVAL '10' SECOND)) GROUP BY window_start, window_end").getMessage())
                .contains("Only tables with set semantics may be partitioned");
    }
}
