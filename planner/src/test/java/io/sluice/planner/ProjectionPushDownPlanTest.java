package io.sluice.planner;

import static io.sluice.planner.PlannerFixture.physical;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * A JSON file source decodes only the columns the query reads (and the watermark needs); the
 * others stay null. Sources that decode everything anyway are not told.
 */
class ProjectionPushDownPlanTest {
    private static final String JSON_BIDS = "CREATE TABLE json_bids (auction BIGINT, bidder BIGINT, price BIGINT, "
            + "channel STRING, url STRING, dateTime TIMESTAMP(3), extra STRING, "
            + "WATERMARK FOR dateTime AS dateTime - INTERVAL '4' SECOND) "
            + "WITH ('connector' = 'filesystem', 'path' = '/nonexistent/bids', 'format' = 'json')";
    private static final String COMPUTED = "CREATE TABLE json_computed (auction BIGINT, price BIGINT, "
            + "doubled AS price * 2) WITH ('connector' = 'filesystem', 'path' = '/nonexistent/c', 'format' = 'json')";

    private final PlannerFixture fixture = new PlannerFixture(PlannerFixture.BIDS, JSON_BIDS, COMPUTED);

    @Test
    void theSourceDecodesTheColumnsOfTheSelectTheWhereAndTheWatermark() {
        assertThat(physical(fixture.query("SELECT auction, price * 2 FROM json_bids WHERE channel = 'Google'")))
                .contains("watermark=[dateTime AS dateTime - INTERVAL '4' SECOND], "
                        + "projection=[auction, price, channel, dateTime], parallelism=[4]");
    }

    @Test
    void noProjectionWhenEveryColumnIsReadOrTheSourceCannotSkipColumns() {
        assertThat(physical(fixture.query("SELECT * FROM json_bids"))).doesNotContain("projection=");
        // the scan feeds the join as it is: every column travels on
        assertThat(physical(fixture.query("SELECT a.auction FROM json_bids a JOIN json_bids b ON a.auction = b.bidder")))
                .doesNotContain("projection=");
        assertThat(physical(fixture.query("SELECT auction FROM bids"))).doesNotContain("projection=");
        // computed columns are computed from the source's row in the source task
        assertThat(physical(fixture.query("SELECT auction FROM json_computed"))).doesNotContain("projection=");
    }
}
