package io.sluice.planner;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import org.junit.jupiter.api.Test;

/** User mistakes and unsupported SQL fail at planning, with the code, the position and a message naming the problem. */
class PlanningErrorsTest {
    private final PlannerFixture fixture = new PlannerFixture(PlannerFixture.BIDS, PlannerFixture.NO_TIME,
            PlannerFixture.SINK);

    private SluiceException queryFails(String sql) {
        return fixture.failure(() -> fixture.query(sql));
    }

    private SluiceException createFails(String ddl) {
        return fixture.failure(() -> new PlannerFixture(ddl));
    }

    @Test
    void unknownColumnNamesLineAndColumn() {
        SluiceException e = queryFails("SELECT auction,\n       pryce FROM bids");
        assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_ERROR);
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.column()).isEqualTo(8);
        assertThat(e.getMessage()).isEqualTo("line 2, column 8: Column 'pryce' not found in any table");
    }

    @Test
    void unknownTableAndFunction() {
        assertThat(queryFails("SELECT * FROM bidz").getMessage()).isEqualTo("line 1, column 15: Object 'bidz' not found");
        assertThat(queryFails("SELECT NO_SUCH(auction) FROM bids").getMessage())
                .startsWith("line 1, column 8: No match found for function signature NO_SUCH");
    }

    @Test
    void syntaxErrorHasPosition() {
        SluiceException e = fixture.failure(() -> PlannerFixture.parse("SELECT auction\nFROM bids WHERE"));
        assertThat(e.code()).isEqualTo(ErrorCode.SYNTAX_ERROR);
        assertThat(e.getMessage()).startsWith("line 2, column 15: Unexpected end of input");
    }

    @Test
    void unsupportedConstructsAreNamed() {
        assertThat(queryFails("SELECT auction FROM bids ORDER BY auction").getMessage())
                .isEqualTo("ORDER BY on a streaming query is not supported yet");
        assertThat(queryFails("SELECT auction, COUNT(*) OVER (PARTITION BY auction ORDER BY dateTime "
                + "ROWS BETWEEN CURRENT ROW AND 1 FOLLOWING) FROM bids").getMessage())
                .isEqualTo("OVER windows on a stream support only frames that end at the CURRENT ROW "
                        + "(… PRECEDING AND CURRENT ROW), without EXCLUDE");
        assertThat(queryFails("SELECT window_start, window_end, BIT_AND(auction) FROM TABLE(TUMBLE(TABLE bids, "
                + "DESCRIPTOR(dateTime), INTERVAL '1' SECOND)) GROUP BY window_start, window_end").getMessage())
                .isEqualTo("Aggregate function BIT_AND is not supported yet");
        assertThat(queryFails("SELECT window_start, COUNT(*) FROM TABLE(TUMBLE(TABLE bids, DESCRIPTOR(dateTime), "
                + "INTERVAL '1' SECOND)) GROUP BY window_start").getMessage())
                .isEqualTo("A window aggregation must group by both window_start and window_end");
        assertThat(queryFails("SELECT auction FROM bids UNION SELECT auction FROM bids").code())
                .isEqualTo(ErrorCode.UNSUPPORTED);
    }

    @Test
    void windowOverAColumnWithoutWatermarkIsRefused() {
        SluiceException e = queryFails("SELECT window_start, window_end, COUNT(*) FROM TABLE(TUMBLE(TABLE plain, "
                + "DESCRIPTOR(ts), INTERVAL '1' SECOND)) GROUP BY window_start, window_end");
        assertThat(e.getMessage()).isEqualTo("The window time column 'ts' is not a time attribute: "
                + "declare it with WATERMARK FOR ts AS … in CREATE TABLE");
        SluiceException notTimestamp = queryFails("SELECT * FROM TABLE(TUMBLE(TABLE plain, DESCRIPTOR(id), "
                + "INTERVAL '1' SECOND))");
        assertThat(notTimestamp.getMessage()).isEqualTo("line 1, column 52: The window time column 'id' must be "
                + "of type TIMESTAMP or TIMESTAMP_LTZ, but is BIGINT");
    }

    @Test
    void badOptionsNameTheTableAndTheOption() {
        SluiceException misspelt = createFails("CREATE TABLE t (a INT) WITH ('connector' = 'filesystem', "
                + "'path' = '/tmp/x', 'fomat' = 'json')");
        assertThat(misspelt.code()).isEqualTo(ErrorCode.OPTION_ERROR);
        assertThat(misspelt.getMessage()).startsWith("Table 't': unsupported option 'fomat' for connector 'filesystem'. "
                + "Did you mean 'format'? Supported options: ");
        assertThat(createFails("CREATE TABLE t (a INT) WITH ('connector' = 'kafkaa')").getMessage())
                .startsWith("Table 't': unknown connector 'kafkaa'. Available connectors: blackhole, datagen, filesystem, jdbc, kafka, nexmark, print, upsert-kafka");
        assertThat(createFails("CREATE TABLE t (a INT) WITH ('format' = 'json')").getMessage())
                .isEqualTo("Table 't': missing required option 'connector'");
        SluiceException badValue = fixture.failure(() -> {
            PlannerFixture bad = new PlannerFixture("CREATE TABLE t (a INT) WITH ('connector' = 'datagen', "
                    + "'rows-per-second' = 'fast')");
            bad.query("SELECT * FROM t");
        });
        assertThat(badValue.getMessage()).contains("Table 't'").contains("'rows-per-second'").contains("'fast'");
    }

    @Test
    void tableDefinitionErrorsPointAtTheColumn() {
        SluiceException duplicate = createFails("CREATE TABLE t (a INT,\n  a BIGINT) WITH ('connector' = 'datagen')");
        assertThat(duplicate.getMessage()).isEqualTo("line 2, column 3: Table 't': duplicate column 'a'");
        SluiceException watermarkColumn = createFails("CREATE TABLE t (a INT, WATERMARK FOR b AS b) "
                + "WITH ('connector' = 'datagen')");
        assertThat(watermarkColumn.getMessage())
                .isEqualTo("line 1, column 38: Table 't': the WATERMARK column 'b' is not a column of the table");
        SluiceException watermarkType = createFails("CREATE TABLE t (a INT, WATERMARK FOR a AS a) "
                + "WITH ('connector' = 'datagen')");
        assertThat(watermarkType.getMessage()).contains("must be of type TIMESTAMP(3) or TIMESTAMP_LTZ(3), but is INTEGER");
        SluiceException computed = createFails("CREATE TABLE t (a INT, b AS a + nope) WITH ('connector' = 'datagen')");
        assertThat(computed.getMessage()).isEqualTo("line 1, column 33: Unknown identifier 'nope'");
        assertThat(createFails("CREATE TABLE t (a INT, PRIMARY KEY (z) NOT ENFORCED) WITH ('connector' = 'datagen')")
                .getMessage()).contains("primary key column 'z' is not a column");
    }

    @Test
    void insertIntoAComputedColumnTableOrWrongTypeIsRefused() {
        SluiceException wrongType = fixture.failure(() -> fixture.insert("INSERT INTO sink1 SELECT channel, price FROM bids"));
        assertThat(wrongType.code()).isEqualTo(ErrorCode.VALIDATION_ERROR);
        assertThat(wrongType.getMessage()).startsWith("line 1, column");
    }
}
