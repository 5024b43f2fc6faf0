package io.sluice.connectors.kafka.source;

import io.sluice.connectors.kafka.KafkaRecordLayout;
import io.sluice.executor.connector.SourceReader;
import io.sluice.executor.connector.TableSource;
import java.util.List;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The source of a {@code kafka} table: one split per topic-partition, spread over the subtasks by
 * {@link PartitionOwnership}. Replayable: each reader checkpoints its partitions' offsets.
 */
final class KafkaTableSource implements TableSource {
    private final KafkaSourceConfig config;
    private final KafkaRecordLayout layout;
    private final int physicalSize;
    private final List<Function<ConsumerRecord<byte[], byte[]>, Object>> metadata;

    KafkaTableSource(KafkaSourceConfig config, KafkaRecordLayout layout, int physicalSize,
            List<Function<ConsumerRecord<byte[], byte[]>, Object>> metadata) {
        this.config = config;
        this.layout = layout;
        this.physicalSize = physicalSize;
        this.metadata = List.copyOf(metadata);
    }

    @Override
    public boolean isBounded() {
        return config.isBounded();
    }

    @Override
    public SourceReader createReader(int subtaskIndex, int parallelism) {
        if (subtaskIndex < 0 || subtaskIndex >= parallelism) {
            throw new IllegalArgumentException("subtask " + subtaskIndex + " of " + parallelism);
        }
        return new KafkaSourceReader(config, layout, physicalSize, metadata, subtaskIndex, parallelism);
    }

    @Override
    public boolean isReplayable() {
        return true;
    }

    @Override
    public String describe() {
        String format = layout.keyFormat().map(k -> "key.format=" + k.name() + ", value.format=")
                .orElse("format=") + layout.valueFormat().name();
        return "kafka[" + config.topics() + ", " + format + ", startup=" + config.startupMode().optionValue()
                + (config.isBounded() ? ", bounded=" + config.boundedMode().optionValue() : "") + "]";
    }
}
