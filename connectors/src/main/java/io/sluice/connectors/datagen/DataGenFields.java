package io.sluice.connectors.datagen;

import io.sluice.connectors.format.TemporalText;
import io.sluice.executor.connector.ConnectorOptions;
import io.sluice.executor.connector.TableContext;
import io.sluice.executor.types.LogicalType;
import io.sluice.executor.types.RowSchema;
import io.sluice.executor.types.TypeRoot;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Reads and checks the {@code fields.<name>.<property>} options into one generator per column. */
final class DataGenFields {
    static final String PREFIX = "fields.";
    static final String KIND = "kind";
    static final String START = "start";
    static final String END = "end";
    static final String MIN = "min";
    static final String MAX = "max";
    static final String MAX_PAST = "max-past";
    static final String LENGTH = "length";
    static final String VAR_LEN = "var-len";
    static final String NULL_RATE = "null-rate";
    static final Set<String> PROPERTIES = Set.of(KIND, START, END, MIN, MAX, MAX_PAST, LENGTH, VAR_LEN, NULL_RATE);
    static final int DEFAULT_LENGTH = 100;

    private final RowSchema schema;
    private final ConnectorOptions options;
    private final ZoneId zone;

    private DataGenFields(TableContext table) {
        this.schema = table.physicalSchema();
        this.options = table.options();
        this.zone = table.timeZone();
    }

    /** One generator per column of the table's physical schema. */
    static FieldGenerator[] parse(TableContext table) {
        return new DataGenFields(table).parse();
    }

    private FieldGenerator[] parse() {
        Map<String, Set<String>> propertiesByField = fieldProperties();
        FieldGenerator[] generators = new FieldGenerator[schema.size()];
        for (int i = 0; i < schema.size(); i++) {
            String field = schema.name(i);
            String kindKey = key(field, KIND);
            String kind = options.get(kindKey, "random").trim().toLowerCase(Locale.ROOT);
            Set<String> properties = propertiesByField.getOrDefault(field, Set.of());
            generators[i] = switch (kind) {
                case "sequence" -> sequence(field, schema.type(i), properties);
                case "random" -> random(field, schema.type(i), properties);
                default -> throw options.invalid(kindKey, options.require(kindKey), "'sequence' or 'random'");
            };
        }
        return generators;
    }

    private Map<String, Set<String>> fieldProperties() {
        Map<String, Set<String>> result = new HashMap<>();
        for (String key : options.asMap().keySet()) {
            if (!key.startsWith(PREFIX)) {
                continue;
            }
            String rest = key.substring(PREFIX.length());
            int dot = rest.lastIndexOf('.');
            if (dot <= 0) {
                throw options.error("option '" + key + "' must name a field and a property, such as 'fields.id.kind'");
            }
            String field = rest.substring(0, dot);
            String property = rest.substring(dot + 1);
            if (!PROPERTIES.contains(property)) {
                throw options.error("option '" + key + "' has unknown property '" + property + "'; the properties are "
                        + String.join(", ", new TreeSet<>(PROPERTIES)));
            }
            if (schema.indexOf(field) < 0) {
                throw options.error("option '" + key + "' refers to unknown field '" + field + "'; the fields are "
                        + String.join(", ", schema.names()));
            }
            result.computeIfAbsent(field, f -> new TreeSet<>()).add(property);
        }
        return result;
    }

    private static String key(String field, String property) {
        return PREFIX + field + "." + property;
    }

    private void checkApplicable(String field, String kind, LogicalType type, Set<String> present, Set<String> allowed) {
        for (String property : present) {
            if (!allowed.contains(property)) {
                throw options.error("option '" + key(field, property) + "' does not apply to the " + kind
                        + " field '" + field + "' of type " + type);
            }
        }
    }

    // ---- sequence ----

    private FieldGenerator sequence(String field, LogicalType type, Set<String> present) {
        checkApplicable(field, "sequence", type, present, Set.of(KIND, START, END));
        switch (type.root()) {
            case BOOLEAN, INTERVAL_DAY_TIME, INTERVAL_YEAR_MONTH, NULL -> throw options.error("option '"
                    + key(field, KIND) + "': datagen cannot make a sequence of " + type + " for field '" + field + "'");
            default -> {
            }
        }
        String startKey = key(field, START);
        String endKey = key(field, END);
        for (String required : new String[] {startKey, endKey}) {
            if (!options.contains(required)) {
                throw options.error("option '" + required + "' is required for the sequence field '" + field + "'");
            }
        }
        long start = sequenceBound(startKey, type);
        long end = sequenceBound(endKey, type);
        if (start > end) {
            throw options.error("option '" + startKey + "' (" + options.require(startKey)
                    + ") must not be greater than '" + endKey + "' (" + options.require(endKey) + ")");
        }
        return new SequenceGenerator(type, start, end);
    }

    private long sequenceBound(String key, LogicalType type) {
        String text = options.require(key).trim();
        Long number = parseLongOrNull(text);
        return switch (type.root()) {
            case TINYINT -> inRange(key, text, number, Byte.MIN_VALUE, Byte.MAX_VALUE, type);
            case SMALLINT -> inRange(key, text, number, Short.MIN_VALUE, Short.MAX_VALUE, type);
            case INTEGER -> inRange(key, text, number, Integer.MIN_VALUE, Integer.MAX_VALUE, type);
            case BIGINT, FLOAT, DOUBLE, CHAR, VARCHAR -> inRange(key, text, number, Long.MIN_VALUE, Long.MAX_VALUE, type);
            case DECIMAL -> {
                long value = inRange(key, text, number, Long.MIN_VALUE, Long.MAX_VALUE, type);
                if (BigDecimal.valueOf(value).setScale(type.scale()).precision() > type.precision()) {
                    throw options.invalid(key, text, "a value of " + type);
                }
                yield value;
            }
            case DATE -> number != null ? inRange(key, text, number, Integer.MIN_VALUE, Integer.MAX_VALUE, type)
                    : temporal(key, text, "a date such as '2020-12-30' or a number of days since 1970-01-01",
                            () -> TemporalText.parseDate(text));
            case TIME -> number != null ? inRange(key, text, number, 0, 86_399_999, type)
                    : temporal(key, text, "a time such as '12:13:14.123' or milliseconds of the day",
                            () -> TemporalText.parseTime(text));
            case TIMESTAMP -> number != null ? number
                    : temporal(key, text, "a timestamp such as '2020-12-30 12:13:14.123' or epoch milliseconds",
                            () -> TemporalText.parseTimestamp(text));
            case TIMESTAMP_LTZ -> number != null ? number
                    : temporal(key, text, "a timestamp such as '2020-12-30 12:13:14.123Z' or epoch milliseconds",
                            () -> TemporalText.parseTimestampLtz(text, zone));
            default -> throw new IllegalStateException("no sequence of " + type);
        };
    }

    private interface TemporalParse {
        long parse();
    }

    private long temporal(String key, String text, String expected, TemporalParse parse) {
        try {
            return parse.parse();
        } catch (IllegalArgumentException e) {
            throw options.invalid(key, text, expected);
        }
    }

    private long inRange(String key, String text, Long number, long min, long max, LogicalType type) {
        if (number == null) {
            throw options.invalid(key, text, "an integer");
        }
        if (number < min || number > max) {
            throw options.invalid(key, text, "a value of " + type.withNullable(true) + " between " + min + " and " + max);
        }
        return number;
    }

    private static Long parseLongOrNull(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    // ---- random ----

    private FieldGenerator random(String field, LogicalType type, Set<String> present) {
        double nullRate = options.getDouble(key(field, NULL_RATE), 0.0);
        if (!(nullRate >= 0.0 && nullRate <= 1.0)) {
            throw options.invalid(key(field, NULL_RATE), options.require(key(field, NULL_RATE)), "between 0 and 1");
        }
        RandomGenerator.Draw draw = switch (type.root()) {
            case BOOLEAN -> {
                checkApplicable(field, "random", type, present, Set.of(KIND, NULL_RATE));
                yield (r, now) -> r.nextBoolean();
            }
            case TINYINT -> integral(field, type, present, Byte.MIN_VALUE, Byte.MAX_VALUE, v -> (byte) v);
            case SMALLINT -> integral(field, type, present, Short.MIN_VALUE, Short.MAX_VALUE, v -> (short) v);
            case INTEGER -> integral(field, type, present, Integer.MIN_VALUE, Integer.MAX_VALUE, v -> (int) v);
            case BIGINT -> integral(field, type, present, Long.MIN_VALUE, Long.MAX_VALUE, v -> v);
            case FLOAT -> floating(field, type, present, Float.MIN_VALUE, Float.MAX_VALUE, v -> (float) v);
            case DOUBLE -> floating(field, type, present, Double.MIN_VALUE, Double.MAX_VALUE, v -> v);
            case DECIMAL -> decimal(field, type, present);
            case CHAR, VARCHAR -> string(field, type, present);
            case DATE -> {
                checkApplicable(field, "random", type, present, Set.of(KIND, NULL_RATE));
                yield (r, now) -> (int) localNow(now).toLocalDate().toEpochDay();
            }
            case TIME -> {
                checkApplicable(field, "random", type, present, Set.of(KIND, NULL_RATE));
                yield (r, now) -> (int) (localNow(now).toLocalTime().toNanoOfDay() / 1_000_000L);
            }
            case TIMESTAMP, TIMESTAMP_LTZ -> timestamp(field, type, present);
            case INTERVAL_DAY_TIME, INTERVAL_YEAR_MONTH, NULL -> throw options.error(
                    "datagen cannot generate values of type " + type + " for field '" + field + "'");
        };
        return new RandomGenerator(draw, nullRate);
    }

    private ZonedDateTime localNow(long nowMillis) {
        return Instant.ofEpochMilli(nowMillis).atZone(zone);
    }

    private interface LongToValue {
        Object apply(long value);
    }

    private interface DoubleToValue {
        Object apply(double value);
    }

    private RandomGenerator.Draw integral(String field, LogicalType type, Set<String> present, long typeMin,
            long typeMax, LongToValue box) {
        checkApplicable(field, "random", type, present, Set.of(KIND, NULL_RATE, MIN, MAX));
        long min = boundedLong(key(field, MIN), typeMin, typeMin, typeMax, type);
        long max = boundedLong(key(field, MAX), typeMax, typeMin, typeMax, type);
        checkMinMax(field, min > max);
        return (r, now) -> box.apply(RandomGenerator.nextLong(r, min, max));
    }

    private long boundedLong(String key, long defaultValue, long typeMin, long typeMax, LogicalType type) {
        long value = options.getLong(key, defaultValue);
        if (value < typeMin || value > typeMax) {
            throw options.invalid(key, options.require(key),
                    "a value of " + type.withNullable(true) + " between " + typeMin + " and " + typeMax);
        }
        return value;
    }

    private RandomGenerator.Draw floating(String field, LogicalType type, Set<String> present, double defaultMin,
            double defaultMax, DoubleToValue box) {
        checkApplicable(field, "random", type, present, Set.of(KIND, NULL_RATE, MIN, MAX));
        double min = finiteDouble(key(field, MIN), defaultMin);
        double max = finiteDouble(key(field, MAX), defaultMax);
        checkMinMax(field, min > max);
        return (r, now) -> box.apply(RandomGenerator.nextDouble(r, min, max));
    }

    private double finiteDouble(String key, double defaultValue) {
        double value = options.getDouble(key, defaultValue);
        if (!Double.isFinite(value)) {
            throw options.invalid(key, options.require(key), "a finite number");
        }
        return value;
    }

    private RandomGenerator.Draw decimal(String field, LogicalType type, Set<String> present) {
        checkApplicable(field, "random", type, present, Set.of(KIND, NULL_RATE, MIN, MAX));
        double min = finiteDouble(key(field, MIN), Double.MIN_VALUE);
        double max = finiteDouble(key(field, MAX), Double.MAX_VALUE);
        checkMinMax(field, min > max);
        int precision = type.precision();
        int scale = type.scale();
        BigDecimal largest = BigDecimal.TEN.pow(precision - scale).subtract(BigDecimal.ONE.movePointLeft(scale));
        double clampedMin = Math.max(-largest.doubleValue(), min);
        double clampedMax = Math.min(largest.doubleValue(), max);
        return (r, now) -> {
            BigDecimal value = BigDecimal.valueOf(RandomGenerator.nextDouble(r, clampedMin, clampedMax))
                    .setScale(scale, RoundingMode.DOWN);
            return value.abs().compareTo(largest) > 0 ? (value.signum() < 0 ? largest.negate() : largest) : value;
        };
    }

    private RandomGenerator.Draw string(String field, LogicalType type, Set<String> present) {
        Set<String> allowed = type.root() == TypeRoot.VARCHAR
                ? Set.of(KIND, NULL_RATE, LENGTH, VAR_LEN)
                : Set.of(KIND, NULL_RATE, LENGTH);
        checkApplicable(field, "random", type, present, allowed);
        String lengthKey = key(field, LENGTH);
        int length = options.getInt(lengthKey, DEFAULT_LENGTH);
        if (length < 0) {
            throw options.invalid(lengthKey, options.require(lengthKey), "a length of at least 0");
        }
        int capped = Math.min(length, type.precision());
        boolean variable = options.getBoolean(key(field, VAR_LEN), false);
        if (variable && capped > 0) {
            return (r, now) -> RandomGenerator.hexString(r, 1 + r.nextInt(capped));
        }
        return (r, now) -> RandomGenerator.hexString(r, capped);
    }

    private RandomGenerator.Draw timestamp(String field, LogicalType type, Set<String> present) {
        checkApplicable(field, "random", type, present, Set.of(KIND, NULL_RATE, MAX_PAST));
        String key = key(field, MAX_PAST);
        long maxPast = options.getDuration(key, Duration.ZERO).toMillis();
        if (maxPast == 0) {
            return (r, now) -> now;
        }
        return (r, now) -> now - RandomGenerator.nextLong(r, 0, maxPast);
    }

    private void checkMinMax(String field, boolean minGreaterThanMax) {
        if (minGreaterThanMax) {
            throw options.error("option '" + key(field, MIN) + "' (" + options.get(key(field, MIN), "default")
                    + ") must not be greater than '" + key(field, MAX) + "' (" + options.get(key(field, MAX), "default")
                    + ")");
        }
    }
}
