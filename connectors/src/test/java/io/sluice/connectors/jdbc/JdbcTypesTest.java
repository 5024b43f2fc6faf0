package io.sluice.connectors.jdbc;

import static io.sluice.connectors.ConnectorTestSupport.options;
import static io.sluice.connectors.ConnectorTestSupport.readAll;
import static io.sluice.connectors.ConnectorTestSupport.rows;
import static io.sluice.connectors.jdbc.PostgresTestSupport.context;
import static io.sluice.connectors.jdbc.PostgresTestSupport.execute;
import static io.sluice.connectors.jdbc.PostgresTestSupport.query;
import static io.sluice.connectors.jdbc.PostgresTestSupport.sink;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.connectors.ConnectorTestSupport.ReaderRun;
import io.sluice.executor.connector.SinkWriter;
import io.sluice.executor.connector.TableSource;
import io.sluice.executor.data.RowKind;
import io.sluice.executor.types.LogicalType;
import io.sluice.executor.types.RowSchema;
import io.sluice.executor.types.TypeRoot;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.List;
import java.util.TimeZone;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every type the jdbc connector supports, written by the sink and read back by the source and by
 * PostgreSQL's own text, with a JVM zone far from UTC so that a conversion through it shows.
 */
@Tag("integration")
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class JdbcTypesTest {
    private static final RowSchema ALL = RowSchema.builder()
            .field("id", LogicalType.of(TypeRoot.INTEGER).withNullable(false))
            .field("b", LogicalType.of(TypeRoot.BOOLEAN))
            .field("ti", LogicalType.of(TypeRoot.TINYINT))
            .field("si", LogicalType.of(TypeRoot.SMALLINT))
            .field("bi", LogicalType.of(TypeRoot.BIGINT))
            .field("f", LogicalType.of(TypeRoot.FLOAT))
            .field("d", LogicalType.of(TypeRoot.DOUBLE))
            .field("dec", LogicalType.decimal(12, 3))
            .field("c", LogicalType.of(TypeRoot.CHAR, 3))
            .field("s", LogicalType.string())
            .field("dt", LogicalType.of(TypeRoot.DATE))
            .field("tm", LogicalType.of(TypeRoot.TIME, 3))
            .field("ts", LogicalType.of(TypeRoot.TIMESTAMP, 3))
            .field("ltz", LogicalType.of(TypeRoot.TIMESTAMP_LTZ, 3))
            .build();
    private static final String DDL = "CREATE TABLE all_types (id INTEGER PRIMARY KEY, b BOOLEAN, ti SMALLINT,"
            + " si SMALLINT, bi BIGINT, f REAL, d DOUBLE PRECISION, dec NUMERIC(12, 3), c CHAR(3), s TEXT,"
            + " dt DATE, tm TIME(3), ts TIMESTAMP(3), ltz TIMESTAMPTZ(3))";
    private static final long TS = LocalDateTime.of(2024, 2, 29, 23, 59, 58, 123_000_000)
            .toInstant(java.time.ZoneOffset.UTC).toEpochMilli();
    private static final long BEFORE_1970 = LocalDateTime.of(1969, 12, 31, 23, 59, 59, 999_000_000)
            .toInstant(java.time.ZoneOffset.UTC).toEpochMilli();

    private static String url;
    private final TimeZone originalZone = TimeZone.getDefault();

    @BeforeAll
    static void database() {
        url = PostgresTestSupport.newDatabase();
        execute(url, DDL);
    }

    @AfterEach
    void restoreZone() {
        TimeZone.setDefault(originalZone);
    }

    private static Object[] full() {
        return new Object[] {1, true, (byte) -7, (short) 32000, 9_000_000_000L, 1.5f, -2.25e100,
                new BigDecimal("123456789.125"), "abc", "grüße, \"quoted\" ' and \\",
                (int) LocalDate.of(2024, 2, 29).toEpochDay(), (int) (LocalTime.of(13, 14, 15, 678_000_000).toNanoOfDay()
                / 1_000_000), TS, Instant.parse("2024-03-31T01:30:00.456Z").toEpochMilli()};
    }

    private static Object[] edge() {
        return new Object[] {2, false, Byte.MIN_VALUE, Short.MIN_VALUE, Long.MIN_VALUE, Float.MAX_VALUE,
                Double.MIN_VALUE, new BigDecimal("-0.001"), "xyz", "", (int) LocalDate.of(1969, 1, 1).toEpochDay(), 0,
                BEFORE_1970, BEFORE_1970};
    }

    private static Object[] nulls() {
        Object[] row = new Object[ALL.size()];
        row[0] = 3;
        return row;
    }

    @Test
    void shouldWriteAndReadBackEveryTypeWhateverTheJvmZone() throws Exception {
        TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Kiritimati"));
        SinkWriter writer = sink("all_types", ALL, List.of("id"),
                options("url", url, "table-name", "all_types")).createWriter(0, 1);
        writer.open(context(0, 1, "types", List.of(), false));
        writer.write(RowKind.INSERT, full());
        writer.write(RowKind.INSERT, edge());
        writer.write(RowKind.INSERT, nulls());
        writer.finish();
        writer.close();

        TimeZone.setDefault(TimeZone.getTimeZone("America/St_Johns"));
        TableSource source = PostgresTestSupport.factory().createSource(
                PostgresTestSupport.table("all_types", ALL, List.of("id"), options("url", url, "table-name",
                        "all_types")));
        List<List<Object>> read = rows(readAll(source, 2));
        read.sort((a, b) -> Integer.compare((Integer) a.get(0), (Integer) b.get(0)));
        assertThat(read).containsExactly(Arrays.asList(full()), Arrays.asList(edge()), Arrays.asList(nulls()));

        // what PostgreSQL itself holds, as text in UTC: no zone shift on the way in
        assertThat(query(url, "SELECT dt::text, tm::text, ts::text, (ltz AT TIME ZONE 'UTC')::text, dec::text, c, ti FROM all_types"
                + " WHERE id = 1")).containsExactly(List.of("2024-02-29", "13:14:15.678", "2024-02-29 23:59:58.123",
                "2024-03-31 01:30:00.456", "123456789.125", "abc", -7));
        assertThat(query(url, "SELECT ts::text, (ltz AT TIME ZONE 'UTC')::text FROM all_types WHERE id = 2"))
                .containsExactly(List.of("1969-12-31 23:59:59.999", "1969-12-31 23:59:59.999"));
    }

    @Test
    void sourceShouldReadEverythingInSubtaskZeroAndResumeAfterItsSnapshot() throws Exception {
        execute(url, "CREATE TABLE dim (id INTEGER, name TEXT)",
                "INSERT INTO dim SELECT g, 'name ' || g FROM generate_series(1, 1200) g");
        RowSchema schema = RowSchema.builder().field("id", LogicalType.of(TypeRoot.INTEGER))
                .field("name", LogicalType.string()).build();
        TableSource source = PostgresTestSupport.factory().createSource(PostgresTestSupport.table("dim", schema,
                List.of(), options("url", url, "table-name", "dim", "scan.fetch-size", "100")));
        assertThat(source.isBounded()).isTrue();
        assertThat(readAll(source, 3).get(1).output().rowLists()).isEmpty();
        assertThat(rows(readAll(source, 3))).hasSize(1200);

        byte[] state;
        List<List<Object>> before;
        try (ReaderRun run = ReaderRun.open(source, 0, 1, List.of())) {
            run.poll(1);
            before = run.rows();
            state = run.snapshot(1);
        }
        try (ReaderRun run = ReaderRun.open(source, 0, 1, List.of(state))) {
            run.readToEnd();
            assertThat(before.size() + run.rows().size()).isEqualTo(1200);
            assertThat(run.rows()).doesNotContainAnyElementsOf(before);
        }
    }
}
