package io.sluice.cli;

import io.sluice.executor.types.LogicalType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * Values as the SQL client shows them, the way Flink's tableau results do: NULL as {@code <NULL>},
 * booleans as {@code TRUE}/{@code FALSE}, TIMESTAMP as {@code 2020-04-15 08:05:00.000} with as many
 * fraction digits as its precision (at most 3: values are carried in milliseconds), TIMESTAMP_LTZ in
 * the session time zone, DATE as {@code 2020-04-15}, DECIMAL without exponent.
 */
final class SqlValueFormat {
    static final String NULL = "<NULL>";
    private static final int MAX_FRACTION_DIGITS = 3;

    private final ZoneId sessionZone;

    SqlValueFormat(ZoneId sessionZone) {
        this.sessionZone = Objects.requireNonNull(sessionZone, "sessionZone is null");
    }

    String format(Object value, LogicalType type) {
        if (value == null) {
            return NULL;
        }
        return switch (type.root()) {
            case BOOLEAN -> ((Boolean) value) ? "TRUE" : "FALSE";
            case DECIMAL -> ((BigDecimal) value).toPlainString();
            case DATE -> LocalDate.ofEpochDay(((Number) value).longValue()).toString();
            case TIME -> time(((Number) value).longValue(), type.precision());
            case TIMESTAMP -> timestamp(((Number) value).longValue(), type.precision());
            case TIMESTAMP_LTZ -> timestamp(((Number) value).longValue(), type.precision(), sessionZone);
            case INTERVAL_DAY_TIME -> dayTimeInterval(((Number) value).longValue());
            case INTERVAL_YEAR_MONTH -> yearMonthInterval(((Number) value).intValue());
            default -> value.toString();
        };
    }

    /** Epoch milliseconds of a zone-less date-time, e.g. a watermark of a TIMESTAMP rowtime. */
    static String timestamp(long millis, int precision) {
        LocalDateTime dateTime = LocalDateTime.ofEpochSecond(Math.floorDiv(millis, 1000L),
                (int) Math.floorMod(millis, 1000L) * 1_000_000, ZoneOffset.UTC);
        return dateTime.toLocalDate() + " " + time(dateTime.toLocalTime().toNanoOfDay() / 1_000_000L, precision);
    }

    static String timestamp(long epochMillis, int precision, ZoneId zone) {
        LocalDateTime local = LocalDateTime.ofInstant(Instant.ofEpochMilli(epochMillis), zone);
        return timestamp(local.toEpochSecond(ZoneOffset.UTC) * 1000L + local.getNano() / 1_000_000, precision);
    }

    private static String time(long millisOfDay, int precision) {
        long seconds = millisOfDay / 1000;
        StringBuilder text = new StringBuilder(12);
        two(text, seconds / 3600).append(':');
        two(text, seconds / 60 % 60).append(':');
        two(text, seconds % 60);
        int digits = Math.min(Math.max(precision, 0), MAX_FRACTION_DIGITS);
        if (digits > 0) {
            String fraction = String.format("%03d", millisOfDay % 1000);
            text.append('.').append(fraction, 0, digits);
        }
        return text.toString();
    }

    /** As Flink casts an INTERVAL DAY TO SECOND to a string: {@code +1 02:03:04.500}. */
    private static String dayTimeInterval(long millis) {
        long abs = Math.abs(millis);
        StringBuilder text = new StringBuilder(millis < 0 ? "-" : "+");
        text.append(abs / 86_400_000L).append(' ');
        return text.append(time(abs % 86_400_000L, 3)).toString();
    }

    /** As Flink casts an INTERVAL YEAR TO MONTH to a string: {@code +1-02}. */
    private static String yearMonthInterval(int months) {
        int abs = Math.abs(months);
        StringBuilder text = new StringBuilder(months < 0 ? "-" : "+");
        text.append(abs / 12).append('-');
        return two(text, abs % 12).toString();
    }

    private static StringBuilder two(StringBuilder text, long value) {
        return text.append(value < 10 ? "0" : "").append(value);
    }
}
