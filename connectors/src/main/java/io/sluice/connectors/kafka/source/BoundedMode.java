package io.sluice.connectors.kafka.source;

import io.sluice.connectors.kafka.KafkaOptions;
import io.sluice.executor.connector.ConnectorOptions;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Where reading each partition ends: the values of {@code scan.bounded.mode}, as in Flink. */
enum BoundedMode {
    UNBOUNDED("unbounded"),
    LATEST_OFFSET("latest-offset"),
    GROUP_OFFSETS("group-offsets"),
    TIMESTAMP("timestamp"),
    SPECIFIC_OFFSETS("specific-offsets");

    private final String optionValue;

    BoundedMode(String optionValue) {
        this.optionValue = optionValue;
    }

    String optionValue() {
        return optionValue;
    }

    static BoundedMode parse(ConnectorOptions options, String value) {
        for (BoundedMode mode : values()) {
            if (mode.optionValue.equals(value.trim().toLowerCase(Locale.ROOT))) {
                return mode;
            }
        }
        throw options.invalid(KafkaOptions.SCAN_BOUNDED_MODE, value, "one of " + Arrays.stream(values())
                .map(m -> "'" + m.optionValue + "'").collect(Collectors.joining(", ")));
    }
}
