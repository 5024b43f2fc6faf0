package io.sluice.connectors.kafka;

import io.sluice.connectors.kafka.sink.KafkaSinks;
import io.sluice.connectors.kafka.source.KafkaSources;
import io.sluice.executor.connector.ConnectorFactory;
import io.sluice.executor.connector.TableContext;
import io.sluice.executor.connector.TableSink;
import io.sluice.executor.connector.TableSource;
import io.sluice.executor.types.LogicalType;
import io.sluice.executor.types.TypeRoot;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** {@code 'connector' = 'kafka'}: a topic read as an append-only stream, or written to. */
public final class KafkaConnectorFactory implements ConnectorFactory {
    public static final String IDENTIFIER = "kafka";

    /** Metadata a Kafka record carries, by Flink's keys. */
    public static final Map<String, LogicalType> READABLE_METADATA;

    static {
        Map<String, LogicalType> metadata = new LinkedHashMap<>();
        metadata.put("topic", LogicalType.string().withNullable(false));
        metadata.put("partition", LogicalType.of(TypeRoot.INTEGER).withNullable(false));
        metadata.put("offset", LogicalType.of(TypeRoot.BIGINT).withNullable(false));
        metadata.put("timestamp", LogicalType.of(TypeRoot.TIMESTAMP_LTZ, 3).withNullable(false));
        metadata.put("timestamp-type", LogicalType.string().withNullable(false));
        metadata.put("leader-epoch", LogicalType.of(TypeRoot.INTEGER));
        READABLE_METADATA = java.util.Collections.unmodifiableMap(metadata);
    }

    @Override
    public String identifier() {
        return IDENTIFIER;
    }

    @Override
    public Set<String> supportedOptions() {
        return KafkaOptions.kafkaOptions();
    }

    @Override
    public Set<String> supportedOptionPrefixes() {
        return Set.of(KafkaOptions.PROPERTIES_PREFIX);
    }

    @Override
    public Map<String, LogicalType> readableMetadata() {
        return READABLE_METADATA;
    }

    @Override
    public Map<String, LogicalType> writableMetadata() {
        return Map.of("timestamp", LogicalType.of(TypeRoot.TIMESTAMP_LTZ, 3));
    }

    @Override
    public TableSource createSource(TableContext context) {
        return KafkaSources.create(context);
    }

    @Override
    public TableSink createSink(TableContext context) {
        return KafkaSinks.create(context, KafkaRecordLayout.forKafka(context), false);
    }
}
