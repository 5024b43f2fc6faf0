package io.sluice.connectors.kafka.source;

import io.sluice.executor.connector.ConnectorOptions;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses Flink's text of {@code scan.startup.specific-offsets} and {@code scan.bounded.specific-offsets}:
 * {@code partition:0,offset:42;partition:1,offset:300}, one topic's partitions to offsets.
 */
final class SpecificOffsets {
    private static final Pattern ENTRY = Pattern.compile("\\s*partition\\s*:\\s*(\\d+)\\s*,\\s*offset\\s*:\\s*(\\d+)\\s*");
    private static final String EXAMPLE = "a list such as 'partition:0,offset:42;partition:1,offset:300'";

    private SpecificOffsets() {
    }

    /** Offsets by partition number; errors name the table and {@code key}. */
    static Map<Integer, Long> parse(ConnectorOptions options, String key) {
        String text = options.require(key);
        Map<Integer, Long> offsets = new TreeMap<>();
        String[] entries = text.split(";", -1);
        for (int i = 0; i < entries.length; i++) {
            String entry = entries[i];
            if (entry.isBlank() && i == entries.length - 1 && i > 0) {
                continue; // a trailing ';'
            }
            Matcher m = ENTRY.matcher(entry);
            if (!m.matches()) {
                throw options.invalid(key, text, EXAMPLE + " (cannot read '" + entry.trim() + "')");
            }
            int partition;
            long offset;
            try {
                partition = Integer.parseInt(m.group(1));
                offset = Long.parseLong(m.group(2));
            } catch (NumberFormatException e) {
                throw options.invalid(key, text, EXAMPLE + " (number out of range in '" + entry.trim() + "')");
            }
            if (offsets.put(partition, offset) != null) {
                throw options.invalid(key, text, EXAMPLE + " (partition " + partition + " is given twice)");
            }
        }
        return Collections.unmodifiableMap(offsets);
    }
}
