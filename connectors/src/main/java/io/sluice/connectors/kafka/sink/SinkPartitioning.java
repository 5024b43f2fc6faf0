package io.sluice.connectors.kafka.sink;

import io.sluice.connectors.kafka.KafkaOptions;
import io.sluice.executor.connector.ConnectorOptions;
import java.util.Locale;

/** {@code sink.partitioner}: which partition a record goes to, with Flink's names. */
enum SinkPartitioning {
    /** Kafka's own: by the key's hash when there is a key, else sticky batches. */
    DEFAULT("default"),
    /** Every record of subtask {@code s} goes to partition {@code s % partitions}. */
    FIXED("fixed"),
    /** Each subtask spreads its records over all partitions in turn. */
    ROUND_ROBIN("round-robin");

    private final String optionValue;

    SinkPartitioning(String optionValue) {
        this.optionValue = optionValue;
    }

    String optionValue() {
        return optionValue;
    }

    static SinkPartitioning from(ConnectorOptions options) {
        String value = options.get(KafkaOptions.SINK_PARTITIONER, DEFAULT.optionValue);
        String normalized = value.trim().toLowerCase(Locale.ROOT);
        for (SinkPartitioning partitioning : values()) {
            if (partitioning.optionValue.equals(normalized)) {
                return partitioning;
            }
        }
        String expected = "'default', 'fixed' or 'round-robin'";
        if (value.contains(".")) {
            // Flink also takes a partitioner class name; Sluice loads no user classes
            expected += " (custom partitioner classes are not supported)";
        }
        throw options.invalid(KafkaOptions.SINK_PARTITIONER, value, expected);
    }
}
