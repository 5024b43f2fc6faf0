package io.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.executor.types.LogicalType;
import io.sluice.executor.types.TypeRoot;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SqlValueFormatTest {
    private static final long APRIL_15_0805 = LocalDate.of(2020, 4, 15).atTime(8, 5).toEpochSecond(ZoneOffset.UTC)
            * 1000;
    private final SqlValueFormat utc = new SqlValueFormat(ZoneOffset.UTC);

    @Test
    void shouldShowNullAsTheTableauDoes() {
        assertThat(utc.format(null, LogicalType.of(TypeRoot.INTEGER))).isEqualTo("<NULL>");
    }

    @Test
    void shouldShowTimestampsWithTheFractionDigitsOfTheirPrecisionUpToMillis() {
        assertThat(utc.format(APRIL_15_0805, LogicalType.of(TypeRoot.TIMESTAMP, 3))).isEqualTo("2020-04-15 08:05:00.000");
        assertThat(utc.format(APRIL_15_0805 + 120, LogicalType.of(TypeRoot.TIMESTAMP, 1)))
                .isEqualTo("2020-04-15 08:05:00.1");
        assertThat(utc.format(APRIL_15_0805, LogicalType.of(TypeRoot.TIMESTAMP, 0))).isEqualTo("2020-04-15 08:05:00");
        assertThat(utc.format(APRIL_15_0805 + 7, LogicalType.of(TypeRoot.TIMESTAMP, 6)))
                .isEqualTo("2020-04-15 08:05:00.007");
        assertThat(utc.format(-1L, LogicalType.of(TypeRoot.TIMESTAMP, 3))).isEqualTo("1969-12-31 23:59:59.999");
    }

    @Test
    void shouldShowLocalZonedTimestampsInTheSessionZone() {
        SqlValueFormat tokyo = new SqlValueFormat(ZoneId.of("Asia/Tokyo"));

        assertThat(tokyo.format(APRIL_15_0805, LogicalType.of(TypeRoot.TIMESTAMP_LTZ, 3)))
                .isEqualTo("2020-04-15 17:05:00.000");
        assertThat(tokyo.format(APRIL_15_0805, LogicalType.of(TypeRoot.TIMESTAMP, 3)))
                .isEqualTo("2020-04-15 08:05:00.000");
    }

    @Test
    void shouldShowDatesTimesDecimalsAndBooleansAsSqlDoes() {
        assertThat(utc.format((int) LocalDate.of(2020, 4, 15).toEpochDay(), LogicalType.of(TypeRoot.DATE)))
                .isEqualTo("2020-04-15");
        assertThat(utc.format(8 * 3_600_000 + 5 * 60_000 + 250, LogicalType.of(TypeRoot.TIME, 0))).isEqualTo("08:05:00");
        assertThat(utc.format(8 * 3_600_000 + 5 * 60_000 + 250, LogicalType.of(TypeRoot.TIME, 3)))
                .isEqualTo("08:05:00.250");
        assertThat(utc.format(new BigDecimal("1E+3"), LogicalType.decimal(10, 0))).isEqualTo("1000");
        assertThat(utc.format(true, LogicalType.of(TypeRoot.BOOLEAN))).isEqualTo("TRUE");
        assertThat(utc.format(90_061_500L, LogicalType.of(TypeRoot.INTERVAL_DAY_TIME))).isEqualTo("+1 01:01:01.500");
        assertThat(utc.format(-14, LogicalType.of(TypeRoot.INTERVAL_YEAR_MONTH))).isEqualTo("-1-02");
    }
}
