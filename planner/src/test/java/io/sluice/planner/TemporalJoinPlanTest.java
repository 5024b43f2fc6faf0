package io.sluice.planner;

import static io.sluice.planner.PlannerFixture.jobGraph;
import static io.sluice.planner.PlannerFixture.physical;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import org.junit.jupiter.api.Test;

/** How {@code JOIN t FOR SYSTEM_TIME AS OF left.rowtime} is planned, and the temporal joins that are refused. */
class TemporalJoinPlanTest {
    private static final String ORDERS = "CREATE TABLE orders (id BIGINT, currency STRING, amount DECIMAL(10, 2), "
            + "ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND) WITH ('connector' = 'datagen')";
    private static final String RATES = "CREATE TABLE rates (currency STRING, rate DECIMAL(10, 4), "
            + "ts TIMESTAMP(3), PRIMARY KEY (currency) NOT ENFORCED, WATERMARK FOR ts AS ts) "
            + "WITH ('connector' = 'datagen')";
    private static final String RATES_NO_WATERMARK = "CREATE TABLE rates_now (currency STRING, rate DECIMAL(10, 4), "
            + "PRIMARY KEY (currency) NOT ENFORCED) WITH ('connector' = 'datagen')";
    private static final String RATES_LOG = "CREATE TABLE rates_log (currency STRING, rate DECIMAL(10, 4), "
            + "ts TIMESTAMP(3), WATERMARK FOR ts AS ts) WITH ('connector' = 'datagen')";
    private static final String LATEST_RATES = "CREATE VIEW latest_rates AS SELECT currency, rate, ts FROM ("
            + "SELECT *, ROW_NUMBER() OVER (PARTITION BY currency ORDER BY ts DESC) AS rn FROM rates_log) "
            + "WHERE rn = 1";

    private final PlannerFixture fixture = new PlannerFixture(ORDERS, RATES, RATES_NO_WATERMARK, RATES_LOG,
            LATEST_RATES, PlannerFixture.NO_TIME,
            "CREATE VIEW priced AS SELECT o.ts AS order_time, r.rate, r.ts AS rate_time FROM orders o "
                    + "LEFT JOIN rates FOR SYSTEM_TIME AS OF o.ts AS r ON o.currency = r.currency");

    @Test
    void aTemporalJoinHashesBothSidesByTheVersionedKeyAndIsInsertOnly() {
        PlannedJob job = fixture.query("SELECT o.id, o.amount * r.rate AS price, o.ts FROM orders o "
                + "JOIN rates FOR SYSTEM_TIME AS OF o.ts AS r ON o.currency = r.currency AND r.rate > 1");
        assertThat(physical(job)).contains(""
                + "  StreamCalc(select=[id, (amount * rate) AS price, ts], parallelism=[4], changelogMode=[I])\n"
                + "    StreamTemporalJoin(joinType=[INNER], equalTo=[currency = currency0], "
                + "versionAsOf=[ts0 <= ts], where=[(CAST(rate AS DECIMAL(14, 4)) > 1.0000)], parallelism=[4], changelogMode=[I])\n");
        assertThat(physical(job)).contains(""
                + "      StreamExchange(distribution=[hash[currency]], parallelism=[4], changelogMode=[I])\n"
                + "        StreamTableSourceScan(table=[rates]");
        assertThat(jobGraph(job)).endsWith("Vertex 2: TemporalJoin[INNER] -> Calc -> Sink: result (parallelism 4) "
                + "<- HASH[1] from vertex 0 <- HASH[0] from vertex 1");
    }

    @Test
    void aLeftTemporalJoinKeepsTheLeftRowtimeAsTimeAttributeSoAWindowCanFollow() {
        PlannedJob job = fixture.query("SELECT window_start, COUNT(*) AS orders, MAX(rate) AS top FROM TABLE(TUMBLE("
                + "TABLE priced, DESCRIPTOR(order_time), INTERVAL '1' MINUTE)) GROUP BY window_start, window_end");
        assertThat(physical(job)).contains("StreamTemporalJoin(joinType=[LEFT], equalTo=[currency = currency0], "
                + "versionAsOf=[ts0 <= ts], parallelism=[4], changelogMode=[I])");
        assertThat(physical(job)).contains("StreamWindowAggregate(window=[TUMBLE(size=60000ms) ON order_time]");
    }

    @Test
    void theVersionedSidesTimeColumnIsNoTimeAttribute() {
        SluiceException e = fixture.failure(() -> fixture.query("SELECT window_start, COUNT(*) FROM TABLE(TUMBLE("
                + "TABLE priced, DESCRIPTOR(rate_time), INTERVAL '1' MINUTE)) GROUP BY window_start, window_end"));
        assertThat(e.getMessage()).contains("time attribute");
    }

    @Test
    void aDeduplicatingViewIsAVersionedTableKeyedByItsPartitionKeys() {
        PlannedJob job = fixture.query("SELECT o.id, r.rate FROM orders o "
                + "JOIN latest_rates FOR SYSTEM_TIME AS OF o.ts AS r ON o.currency = r.currency");
        assertThat(physical(job)).contains("StreamTemporalJoin(joinType=[INNER], equalTo=[currency = currency0], "
                + "versionAsOf=[ts0 <= ts], parallelism=[4], changelogMode=[I])");
        assertThat(physical(job)).contains("StreamRank(");
    }

    @Test
    void aVersionedTableNeedsAPrimaryKeyAndAWatermark() {
        assertRefused("SELECT o.id FROM orders o JOIN rates_log FOR SYSTEM_TIME AS OF o.ts AS r "
                + "ON o.currency = r.currency", "table 'rates_log' has no PRIMARY KEY");
        assertRefused("SELECT o.id FROM orders o JOIN rates_now FOR SYSTEM_TIME AS OF o.ts AS r "
                + "ON o.currency = r.currency", "table 'rates_now' has no WATERMARK");
    }

    @Test
    void theLookupTimeMustBeTheLeftRowtime() {
        assertRefused("SELECT p.id FROM plain p JOIN rates FOR SYSTEM_TIME AS OF p.ts AS r ON p.id = r.rate",
                "not at column 'ts', which is no event-time attribute: only event-time temporal joins are supported, "
                        + "not processing-time temporal joins or lookup joins");
        assertRefused("SELECT o.id FROM orders o JOIN rates FOR SYSTEM_TIME AS OF o.ts - INTERVAL '1' SECOND AS r "
                + "ON o.currency = r.currency", "not at an expression: only event-time temporal joins");
    }

    @Test
    void theOnConditionMustEqualTheWholePrimaryKey() {
        assertRefused("SELECT o.id FROM orders o JOIN rates FOR SYSTEM_TIME AS OF o.ts AS r ON o.amount = r.rate",
                "must equal every column of the versioned side's primary key (currency) with a left column");
        assertRefused("SELECT o.id FROM orders o JOIN rates FOR SYSTEM_TIME AS OF o.ts AS r ON TRUE",
                "must equal every column of the versioned side's primary key (currency)");
    }

    @Test
    void onlyInnerAndLeftTemporalJoinsOfAnInsertOnlyLeftSideRun() {
        assertRefused("SELECT c.currency FROM (SELECT currency, MAX(ts) AS ts FROM orders GROUP BY currency) c "
                + "JOIN rates FOR SYSTEM_TIME AS OF c.ts AS r ON c.currency = r.currency",
                "no event-time attribute");
        assertRefused("SELECT o.id FROM orders o RIGHT JOIN rates FOR SYSTEM_TIME AS OF o.ts AS r "
                + "ON o.currency = r.currency", "line 1, column 38: RIGHT JOIN of a temporal table (FOR SYSTEM_TIME "
                + "AS OF) is not supported: a temporal join is INNER or LEFT");
    }

    private void assertRefused(String sql, String message) {
        SluiceException e = fixture.failure(() -> fixture.query(sql));
        assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED);
        assertThat(e.getMessage()).contains(message);
    }
}
