package io.sluice.connectors.format;

import io.sluice.executor.connector.ConnectorOptions;
import io.sluice.executor.connector.TableContext;
import io.sluice.executor.types.RowSchema;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Makes {@link Format}s from the {@code 'format'} option. Format options carry the format's name as a
 * prefix ({@code json.ignore-parse-errors}); a format chosen by a prefixed key takes the same prefix
 * on its options, as in Flink: {@code 'value.format'='json'} reads {@code value.json.ignore-parse-errors}.
 */
public final class Formats {
    public static final String FORMAT = "format";

    private static final Map<String, Set<String>> OPTIONS_BY_FORMAT = new LinkedHashMap<>();

    static {
        OPTIONS_BY_FORMAT.put(JsonFormat.NAME, JsonFormat.OPTIONS);
        OPTIONS_BY_FORMAT.put(CsvFormat.NAME, CsvFormat.OPTIONS);
        OPTIONS_BY_FORMAT.put(RawFormat.NAME, RawFormat.OPTIONS);
    }

    private Formats() {
    }

    /** The format names: {@code json}, {@code csv}, {@code raw}. */
    public static Set<String> names() {
        return OPTIONS_BY_FORMAT.keySet();
    }

    /** Every option of every format, for a connector's {@code supportedOptions()}. */
    public static Set<String> supportedOptions() {
        return supportedOptions(FORMAT);
    }

    /** Every option of every format when the format is chosen by {@code formatKey}, e.g. {@code value.format}. */
    public static Set<String> supportedOptions(String formatKey) {
        String prefix = prefixOf(formatKey);
        Set<String> keys = new TreeSet<>();
        OPTIONS_BY_FORMAT.values().forEach(options -> options.forEach(o -> keys.add(prefix + o)));
        return keys;
    }

    /** The format named by the table's required {@code 'format'} option, for its physical schema. */
    public static Format create(TableContext table) {
        return create(FORMAT, table.physicalSchema(), table.options(), table.timeZone());
    }

    /**
     * The format named by the required option {@code formatKey}, with its options validated; errors
     * are option errors naming the table and the option.
     *
     * @param zone the session time zone, for TIMESTAMP_LTZ text without an offset
     */
    public static Format create(String formatKey, RowSchema schema, ConnectorOptions options, ZoneId zone) {
        String name = options.require(formatKey).trim();
        if (!OPTIONS_BY_FORMAT.containsKey(name)) {
            throw options.invalid(formatKey, name, "one of " + quotedNames());
        }
        String prefix = prefixOf(formatKey);
        for (String key : options.asMap().keySet()) {
            for (String other : OPTIONS_BY_FORMAT.keySet()) {
                if (!other.equals(name) && key.startsWith(prefix + other + ".")) {
                    throw options.error("option '" + key + "' does not apply to format '" + name + "'");
                }
            }
        }
        return switch (name) {
            case JsonFormat.NAME -> new JsonFormat(schema, options, prefix, zone);
            case CsvFormat.NAME -> new CsvFormat(schema, options, prefix, zone);
            case RawFormat.NAME -> new RawFormat(schema, options, prefix, formatKey);
            default -> throw new IllegalStateException(name);
        };
    }

    private static String prefixOf(String formatKey) {
        if (!formatKey.endsWith(FORMAT)) {
            throw new IllegalArgumentException("a format key ends with 'format': " + formatKey);
        }
        return formatKey.substring(0, formatKey.length() - FORMAT.length());
    }

    private static String quotedNames() {
        return String.join(", ", OPTIONS_BY_FORMAT.keySet().stream().map(n -> "'" + n + "'").toList());
    }
}
