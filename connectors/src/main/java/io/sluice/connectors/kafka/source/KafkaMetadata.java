package io.sluice.connectors.kafka.source;

import io.sluice.connectors.kafka.KafkaConnectorFactory;
import io.sluice.executor.connector.ConnectorOptions;
import io.sluice.executor.connector.MetadataColumn;
import java.util.List;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Reads the metadata keys of {@link KafkaConnectorFactory#READABLE_METADATA} from a record, as the
 * carriers of their types: {@code timestamp} is epoch milliseconds (TIMESTAMP_LTZ(3)), and
 * {@code timestamp-type} Kafka's name ({@code CreateTime}, {@code LogAppendTime}).
 */
final class KafkaMetadata {
    private KafkaMetadata() {
    }

    /** The readers of a table's metadata columns, in their order; an unknown key is an option error. */
    static List<Function<ConsumerRecord<byte[], byte[]>, Object>> readers(List<MetadataColumn> columns,
            ConnectorOptions options) {
        return columns.stream().map(column -> reader(column.key(), options)).toList();
    }

    private static Function<ConsumerRecord<byte[], byte[]>, Object> reader(String key, ConnectorOptions options) {
        return switch (key) {
            case "topic" -> ConsumerRecord::topic;
            case "partition" -> ConsumerRecord::partition;
            case "offset" -> ConsumerRecord::offset;
            case "timestamp" -> ConsumerRecord::timestamp;
            case "timestamp-type" -> r -> r.timestampType().toString();
            case "leader-epoch" -> r -> r.leaderEpoch().orElse(null);
            default -> throw options.error("connector 'kafka' has no metadata key '" + key + "'; it supplies "
                    + String.join(", ", KafkaConnectorFactory.READABLE_METADATA.keySet().stream()
                            .map(k -> "'" + k + "'").toList()));
        };
    }
}
