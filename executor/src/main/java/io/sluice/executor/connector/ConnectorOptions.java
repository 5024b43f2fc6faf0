package io.sluice.executor.connector;

import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A table's WITH options, read with typed getters whose errors name the table and the option.
 */
public final class ConnectorOptions {
    private static final Pattern DURATION = Pattern.compile("\\s*(\\d+)\\s*([a-zA-Z]*)\\s*");

    private final String tableName;
    private final Map<String, String> values;

    public ConnectorOptions(String tableName, Map<String, String> values) {
        this.tableName = tableName;
        this.values = new TreeMap<>(values);
    }

    public String tableName() {
        return tableName;
    }

    public Map<String, String> asMap() {
        return java.util.Collections.unmodifiableMap(values);
    }

    public boolean contains(String key) {
        return values.containsKey(key);
    }

    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    public String get(String key, String defaultValue) {
        return values.getOrDefault(key, defaultValue);
    }

    public String require(String key) {
        String value = values.get(key);
        if (value == null) {
            throw error("missing required option '" + key + "'");
        }
        return value;
    }

    public long getLong(String key, long defaultValue) {
        String value = values.get(key);
        if (value == null) {
            return defaultValue;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw invalid(key, value, "an integer");
        }
    }

    public int getInt(String key, int defaultValue) {
        long value = getLong(key, defaultValue);
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw invalid(key, values.get(key), "an integer in the range of INT");
        }
        return (int) value;
    }

    public double getDouble(String key, double defaultValue) {
        String value = values.get(key);
        if (value == null) {
            return defaultValue;
        }
        try {
            return Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw invalid(key, value, "a number");
        }
    }

    public boolean getBoolean(String key, boolean defaultValue) {
        String value = values.get(key);
        if (value == null) {
            return defaultValue;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw invalid(key, value, "'true' or 'false'");
        };
    }

    public Duration getDuration(String key, Duration defaultValue) {
        String value = values.get(key);
        return value == null ? defaultValue : parseDuration(value).orElseThrow(
                () -> invalid(key, value, "a duration such as '500 ms', '5 s' or '1 min'"));
    }

    /** Parses Flink's duration syntax: a number and an optional unit (default milliseconds). */
    public static Optional<Duration> parseDuration(String text) {
        Matcher m = DURATION.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        long amount = Long.parseLong(m.group(1));
        return switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "", "ms", "milli", "millis", "millisecond", "milliseconds" -> Optional.of(Duration.ofMillis(amount));
            case "s", "sec", "secs", "second", "seconds" -> Optional.of(Duration.ofSeconds(amount));
            case "m", "min", "mins", "minute", "minutes" -> Optional.of(Duration.ofMinutes(amount));
            case "h", "hour", "hours" -> Optional.of(Duration.ofHours(amount));
            case "d", "day", "days" -> Optional.of(Duration.ofDays(amount));
            default -> Optional.empty();
        };
    }

    /** An option error about this table: {@code Table 't': option 'x' ...}. */
    public SluiceException error(String message) {
        return new SluiceException(ErrorCode.OPTION_ERROR, "Table '" + tableName + "': " + message);
    }

    public SluiceException invalid(String key, String value, String expected) {
        return error("option '" + key + "' must be " + expected + ", but is '" + value + "'");
    }
}
