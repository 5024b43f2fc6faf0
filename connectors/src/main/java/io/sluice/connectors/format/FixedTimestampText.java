package io.sluice.connectors.format;

import java.nio.charset.StandardCharsets;
import java.time.Year;

/**
 * The common spelling of a timestamp, {@code yyyy-MM-dd HH:mm:ss[.f…]} (or with {@code 'T'}), read
 * without {@link java.time.format.DateTimeFormatter}: its parse builds and resolves a map of fields
 * per value, which made it a third of a JSON source's CPU time. Anything else — and any value out
 * of range — is left to the lenient formatter, which also words the errors.
 */
final class FixedTimestampText {
    /** Returned for text this parser does not take; no 4-digit year has these millis. */
    static final long NOT_FIXED = Long.MIN_VALUE;

    private static final int SECONDS_END = 19;
    private static final int MAX_LENGTH = SECONDS_END + 1 + 9;

    private FixedTimestampText() {
    }

    /** Epoch millis of the date-time in UTC (fraction beyond millis dropped), or {@link #NOT_FIXED}. */
    static long parseMillis(String text) {
        int length = text.length();
        if (length < SECONDS_END || length > MAX_LENGTH) {
            return NOT_FIXED;
        }
        // a character beyond Latin-1 turns into '?', which is never in the spelling read here
        return parseMillis(text.getBytes(StandardCharsets.ISO_8859_1), 0, length);
    }

    /** As {@link #parseMillis(String)}, of {@code length} bytes of ASCII (or UTF-8) text from {@code offset}. */
    static long parseMillis(byte[] text, int offset, int length) {
        if (length != SECONDS_END && (length < SECONDS_END + 2 || length > MAX_LENGTH
                || text[offset + SECONDS_END] != '.')) {
            return NOT_FIXED;
        }
        byte separator = text[offset + 10];
        if (text[offset + 4] != '-' || text[offset + 7] != '-' || text[offset + 13] != ':'
                || text[offset + 16] != ':' || (separator != ' ' && separator != 'T' && separator != 't')) {
            return NOT_FIXED;
        }
        int year = digits(text, offset, 4);
        int month = digits(text, offset + 5, 2);
        int day = digits(text, offset + 8, 2);
        int hour = digits(text, offset + 11, 2);
        int minute = digits(text, offset + 14, 2);
        int second = digits(text, offset + 17, 2);
        int millis = 0;
        for (int i = SECONDS_END + 1; i < length; i++) {
            int digit = text[offset + i] - '0';
            if (digit < 0 || digit > 9) {
                return NOT_FIXED;
            }
            if (i <= SECONDS_END + 3) {
                millis = millis * 10 + digit;
            }
        }
        for (int i = length; i <= SECONDS_END + 3 && length > SECONDS_END; i++) {
            millis *= 10;
        }
        if ((year | month | day | hour | minute | second) < 0 || month < 1 || month > 12 || day < 1
                || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 59) {
            return NOT_FIXED;
        }
        long secondOfDay = hour * 3600L + minute * 60L + second;
        return (epochDay(year, month, day) * 86_400L + secondOfDay) * 1000L + millis;
    }

    /** The value of {@code count} decimal digits at {@code start}, or -1 when one is not a digit. */
    private static int digits(byte[] text, int start, int count) {
        int value = 0;
        for (int i = start; i < start + count; i++) {
            int digit = text[i] - '0';
            if (digit < 0 || digit > 9) {
                return -1;
            }
            value = value * 10 + digit;
        }
        return value;
    }

    private static int daysInMonth(int year, int month) {
        return switch (month) {
            case 2 -> Year.isLeap(year) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /** Days since 1970-01-01 of a valid proleptic Gregorian date (as {@code LocalDate.toEpochDay}). */
    static long epochDay(int year, int month, int day) {
        long y = year;
        long total = 365 * y;
        if (y >= 0) {
            total += (y + 3) / 4 - (y + 99) / 100 + (y + 399) / 400;
        } else {
            total -= y / -4 - y / -100 + y / -400;
        }
        total += (367 * month - 362) / 12;
        total += day - 1;
        if (month > 2) {
            total--;
            if (!Year.isLeap(year)) {
                total--;
            }
        }
        return total - 719_528L;
    }
}
