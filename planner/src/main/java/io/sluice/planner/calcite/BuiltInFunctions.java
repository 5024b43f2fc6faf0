package io.sluice.planner.calcite;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The Flink SQL functions that Calcite lacks, or has with other semantics. Compiled expressions call
 * these static methods with the runtime's value carriers (TIMESTAMP as epoch milliseconds). NULL in
 * gives NULL out, and bad input (an invalid pattern, an index out of range) gives NULL, as in Flink.
 */
public final class BuiltInFunctions {
    private static final Map<String, DateTimeFormatter> FORMATTERS = new ConcurrentHashMap<>();
    private static final Map<String, Pattern> PATTERNS = new ConcurrentHashMap<>();
    private static final DateTimeFormatter SQL_TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.SSSSSSSSS][.SSSSSS][.SSS][.SS][.S]");

    private BuiltInFunctions() {
    }

    /** SPLIT_INDEX(str, separator, index): the index-th (0-based) piece of str split at each separator. */
    public static String splitIndex(String str, String separator, Integer index) {
        if (str == null || separator == null || index == null || index < 0) {
            return null;
        }
        if (separator.isEmpty()) {
            return index == 0 ? str : null;
        }
        int start = 0;
        for (int i = 0; i < index; i++) {
            int next = str.indexOf(separator, start);
            if (next < 0) {
                return null;
            }
            start = next + separator.length();
        }
        int end = str.indexOf(separator, start);
        return end < 0 ? str.substring(start) : str.substring(start, end);
    }

    /** REGEXP_EXTRACT(str, regex): the whole first match of regex in str. */
    public static String regexpExtract(String str, String regex) {
        return regexpExtract(str, regex, 0);
    }

    /** REGEXP_EXTRACT(str, regex, group): the given group of the first match; group 0 is the whole match. */
    public static String regexpExtract(String str, String regex, Integer group) {
        if (str == null || regex == null || group == null) {
            return null;
        }
        Pattern pattern = pattern(regex);
        if (pattern == null) {
            return null;
        }
        Matcher matcher = pattern.matcher(str);
        if (!matcher.find() || group < 0 || group > matcher.groupCount()) {
            return null;
        }
        return matcher.group(group);
    }

    private static Pattern pattern(String regex) {
        Pattern cached = PATTERNS.get(regex);
        if (cached != null) {
            return cached;
        }
        try {
            Pattern compiled = Pattern.compile(regex);
            if (PATTERNS.size() < 1000) {
                PATTERNS.put(regex, compiled);
            }
            return compiled;
        } catch (PatternSyntaxException e) {
            return null;
        }
    }

    /** DATE_FORMAT(timestamp, pattern): formats with a Java date-time pattern such as 'yyyy-MM-dd HH:mm'. */
    public static String dateFormat(Long timestamp, String pattern) {
        if (timestamp == null || pattern == null) {
            return null;
        }
        DateTimeFormatter formatter = formatter(pattern);
        return formatter == null ? null : formatter.format(toLocalDateTime(timestamp));
    }

    /** DATE_FORMAT(string, pattern): reformats a 'yyyy-MM-dd HH:mm:ss' timestamp string. */
    public static String dateFormat(String timestamp, String pattern) {
        Long parsed = toTimestamp(timestamp);
        return parsed == null ? null : dateFormat(parsed, pattern);
    }

    private static DateTimeFormatter formatter(String pattern) {
        DateTimeFormatter cached = FORMATTERS.get(pattern);
        if (cached != null) {
            return cached;
        }
        try {
            DateTimeFormatter formatter = DateTimeFormatter.ofPattern(pattern);
            if (FORMATTERS.size() < 1000) {
                FORMATTERS.put(pattern, formatter);
            }
            return formatter;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** TO_TIMESTAMP_LTZ(epoch, precision): epoch seconds (precision 0) or milliseconds (precision 3) as an instant. */
    public static Long toTimestampLtz(Long epoch, Integer precision) {
        if (epoch == null || precision == null) {
            return null;
        }
        return switch (precision) {
            case 0 -> epoch * 1000;
            case 3 -> epoch;
            default -> null;
        };
    }

    /** TO_TIMESTAMP(string): parses 'yyyy-MM-dd HH:mm:ss[.fff]'. */
    public static Long toTimestamp(String text) {
        if (text == null) {
            return null;
        }
        try {
            return LocalDateTime.parse(text.trim(), SQL_TIMESTAMP).toInstant(ZoneOffset.UTC).toEpochMilli();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** TO_TIMESTAMP(string, pattern): parses with a Java date-time pattern. */
    public static Long toTimestamp(String text, String pattern) {
        if (text == null || pattern == null) {
            return null;
        }
        DateTimeFormatter formatter = formatter(pattern);
        try {
            return formatter == null ? null
                    : LocalDateTime.parse(text.trim(), formatter).toInstant(ZoneOffset.UTC).toEpochMilli();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static LocalDateTime toLocalDateTime(long millis) {
        return LocalDateTime.ofInstant(Instant.ofEpochMilli(millis), ZoneOffset.UTC);
    }
}
