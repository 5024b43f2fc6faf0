package io.sluice.connectors.format;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;

/**
 * Text of temporal values as Flink's JSON and CSV formats spell them, converted to and from the row
 * carriers of {@link io.sluice.executor.types.TypeRoot} (days, millis of day, millis).
 *
 * <p>Parsing is lenient: a date-time may use {@code 'T'} or a space between date and time, seconds
 * and 0 to 9 fraction digits are optional (digits beyond milliseconds are dropped). Formatting
 * prints the fraction only when it is not zero, with as few digits as needed.
 */
public final class TemporalText {
    private static final DateTimeFormatter TIME = new DateTimeFormatterBuilder()
            .appendPattern("HH:mm:ss")
            .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
            .toFormatter();
    private static final DateTimeFormatter SQL_TIMESTAMP = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .appendLiteral(' ')
            .append(TIME)
            .toFormatter();
    private static final DateTimeFormatter ISO_TIMESTAMP = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .appendLiteral('T')
            .append(TIME)
            .toFormatter();

    private TemporalText() {
    }

    /** Days since the epoch of {@code yyyy-MM-dd}. */
    public static int parseDate(String text) {
        try {
            return (int) LocalDate.parse(text.trim()).toEpochDay();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** Millis of day of {@code HH:mm[:ss[.fffffffff]]}, an optional trailing {@code Z} ignored. */
    public static int parseTime(String text) {
        String t = text.trim();
        if (t.endsWith("Z") || t.endsWith("z")) {
            t = t.substring(0, t.length() - 1);
        }
        try {
            return (int) (LocalTime.parse(t).toNanoOfDay() / 1_000_000L);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** Millis of a zone-less date-time: {@code 2020-12-30 12:13:14.123} or {@code 2020-12-30T12:13:14.123}. */
    public static long parseTimestamp(String text) {
        long millis = FixedTimestampText.parseMillis(text);
        return millis != FixedTimestampText.NOT_FIXED ? millis : toMillis(parseLocalDateTime(normalize(text)));
    }

    /**
     * Epoch millis of an instant: a date-time followed by {@code Z} or an offset such as
     * {@code +02:00}; without either, the date-time is taken in {@code zone}.
     */
    public static long parseTimestampLtz(String text, ZoneId zone) {
        String t = normalize(text);
        try {
            if (t.endsWith("Z") || t.endsWith("z")) {
                return toMillis(parseLocalDateTime(t.substring(0, t.length() - 1)));
            }
            if (t.length() > 16 && hasOffset(t)) {
                return OffsetDateTime.parse(t).toInstant().toEpochMilli();
            }
            return parseLocalDateTime(t).atZone(zone).toInstant().toEpochMilli();
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    public static String formatDate(int days) {
        return LocalDate.ofEpochDay(days).toString();
    }

    public static String formatTime(int millisOfDay) {
        return TIME.format(LocalTime.ofNanoOfDay(millisOfDay * 1_000_000L));
    }

    public static String formatTimestamp(long millis, boolean iso) {
        return (iso ? ISO_TIMESTAMP : SQL_TIMESTAMP).format(toLocalDateTime(millis));
    }

    /** The instant in UTC with a trailing {@code Z}, as Flink writes TIMESTAMP_LTZ. */
    public static String formatTimestampLtz(long millis, boolean iso) {
        return formatTimestamp(millis, iso) + "Z";
    }

    public static LocalDateTime toLocalDateTime(long millis) {
        return LocalDateTime.ofEpochSecond(Math.floorDiv(millis, 1000L),
                (int) Math.floorMod(millis, 1000L) * 1_000_000, ZoneOffset.UTC);
    }

    public static Instant toInstant(long millis) {
        return Instant.ofEpochMilli(millis);
    }

    public static long toMillis(LocalDateTime dateTime) {
        return dateTime.toEpochSecond(ZoneOffset.UTC) * 1000L + dateTime.getNano() / 1_000_000;
    }

    private static String normalize(String text) {
        String t = text.trim();
        if (t.length() > 10 && (t.charAt(10) == ' ' || t.charAt(10) == 't')) {
            t = t.substring(0, 10) + 'T' + t.substring(11);
        }
        return t;
    }

    private static boolean hasOffset(String t) {
        int timeStart = t.indexOf('T');
        return timeStart > 0 && (t.indexOf('+', timeStart) > 0 || t.indexOf('-', timeStart) > 0);
    }

    private static LocalDateTime parseLocalDateTime(String t) {
        try {
            if (t.length() == 10) {
                return LocalDate.parse(t).atStartOfDay();
            }
            return LocalDateTime.parse(t);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}
