package io.sluice.connectors.kafka.source;

import io.sluice.connectors.kafka.KafkaOptions;
import io.sluice.executor.connector.ConnectorOptions;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Where a fresh job starts reading each partition: the values of {@code scan.startup.mode}, as in Flink. */
enum StartupMode {
    EARLIEST_OFFSET("earliest-offset"),
    LATEST_OFFSET("latest-offset"),
    GROUP_OFFSETS("group-offsets"),
    TIMESTAMP("timestamp"),
    SPECIFIC_OFFSETS("specific-offsets");

    private final String optionValue;

    StartupMode(String optionValue) {
        this.optionValue = optionValue;
    }

    String optionValue() {
        return optionValue;
    }

    static StartupMode parse(ConnectorOptions options, String value) {
        for (StartupMode mode : values()) {
            if (mode.optionValue.equals(value.trim().toLowerCase(Locale.ROOT))) {
                return mode;
            }
        }
        throw options.invalid(KafkaOptions.SCAN_STARTUP_MODE, value, "one of " + Arrays.stream(values())
                .map(m -> "'" + m.optionValue + "'").collect(Collectors.joining(", ")));
    }
}
