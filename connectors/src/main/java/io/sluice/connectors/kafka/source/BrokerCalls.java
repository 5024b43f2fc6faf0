package io.sluice.connectors.kafka.source;

import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;

/**
 * The questions a reader asks the brokers through its consumer, each bounded by the API timeout,
 * with failures turned into errors that name the table and the bootstrap servers.
 */
final class BrokerCalls {
    private final Consumer<byte[], byte[]> consumer;
    private final KafkaSourceConfig config;

    BrokerCalls(Consumer<byte[], byte[]> consumer, KafkaSourceConfig config) {
        this.consumer = consumer;
        this.config = config;
    }

    /** Every topic of the cluster with its partitions (fresh metadata, not the consumer's cache). */
    Map<String, List<PartitionInfo>> listTopics(Duration timeout) {
        return call("listing the topics", () -> consumer.listTopics(timeout), timeout);
    }

    Map<TopicPartition, Long> beginningOffsets(Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return Map.of();
        }
        return call("reading the earliest offsets of " + partitions,
                () -> consumer.beginningOffsets(partitions, config.apiTimeout()), config.apiTimeout());
    }

    /** The end offsets; under {@code read_committed}, the last stable offsets. */
    Map<TopicPartition, Long> endOffsets(Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return Map.of();
        }
        return call("reading the latest offsets of " + partitions,
                () -> consumer.endOffsets(partitions, config.apiTimeout()), config.apiTimeout());
    }

    /** The offset of the first record at or after {@code timestamp}, per partition; absent when there is none. */
    Map<TopicPartition, Long> offsetsForTimestamp(Collection<TopicPartition> partitions, long timestamp) {
        if (partitions.isEmpty()) {
            return Map.of();
        }
        Map<TopicPartition, Long> query = new HashMap<>();
        partitions.forEach(p -> query.put(p, timestamp));
        Map<TopicPartition, OffsetAndTimestamp> found = call("looking up the offsets of timestamp " + timestamp,
                () -> consumer.offsetsForTimes(query, config.apiTimeout()), config.apiTimeout());
        Map<TopicPartition, Long> offsets = new HashMap<>();
        found.forEach((partition, offset) -> {
            if (offset != null) {
                offsets.put(partition, offset.offset());
            }
        });
        return offsets;
    }

    /** The offsets committed by the table's consumer group; absent for partitions without one. */
    Map<TopicPartition, Long> committedOffsets(Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return Map.of();
        }
        Map<TopicPartition, OffsetAndMetadata> found = call("reading the committed offsets of group '"
                + config.groupId().orElse("") + "'",
                () -> consumer.committed(new HashSet<>(partitions), config.apiTimeout()), config.apiTimeout());
        Map<TopicPartition, Long> offsets = new HashMap<>();
        found.forEach((partition, offset) -> {
            if (offset != null) {
                offsets.put(partition, offset.offset());
            }
        });
        return offsets;
    }

    private <T> T call(String what, Supplier<T> call, Duration timeout) {
        try {
            return call.get();
        } catch (TimeoutException e) {
            throw new SluiceException(ErrorCode.EXTERNAL_ERROR, "Table '" + config.tableName()
                    + "': the Kafka brokers at '" + config.bootstrapServers() + "' did not answer within "
                    + timeout.toMillis() + " ms while " + what + " (are they running and reachable? the wait is "
                    + "'properties.default.api.timeout.ms'): " + e.getMessage(), e);
        } catch (KafkaException e) {
            throw failed(config, what, e);
        }
    }

    static SluiceException failed(KafkaSourceConfig config, String what, Exception e) {
        return new SluiceException(ErrorCode.EXTERNAL_ERROR, "Table '" + config.tableName() + "': Kafka (at '"
                + config.bootstrapServers() + "') failed while " + what + ": " + e, e);
    }
}
