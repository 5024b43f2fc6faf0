package io.sluice.connectors.kafka.source;

import io.sluice.connectors.kafka.KafkaOptions;
import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * Turns the startup and bounded modes into offsets, per partition, when a partition is first read:
 * the offset of the first record to read and the offset to stop before ({@link #NO_STOP} when
 * unbounded).
 */
final class OffsetResolver {
    static final long NO_STOP = Long.MAX_VALUE;

    private final KafkaSourceConfig config;
    private final BrokerCalls broker;

    OffsetResolver(KafkaSourceConfig config, BrokerCalls broker) {
        this.config = config;
        this.broker = broker;
    }

    /** Where a fresh job starts in each of {@code partitions}, by {@code scan.startup.mode}. */
    Map<TopicPartition, Long> startOffsets(Collection<TopicPartition> partitions) {
        return switch (config.startupMode()) {
            case EARLIEST_OFFSET -> broker.beginningOffsets(partitions);
            case LATEST_OFFSET -> broker.endOffsets(partitions);
            case TIMESTAMP -> orEnd(broker.offsetsForTimestamp(partitions, config.startupTimestamp()), partitions);
            case GROUP_OFFSETS -> groupStartOffsets(partitions);
            case SPECIFIC_OFFSETS -> specificStartOffsets(partitions);
        };
    }

    /** Where partitions that appear while the job runs start: at their beginning, as in Flink. */
    Map<TopicPartition, Long> newPartitionOffsets(Collection<TopicPartition> partitions) {
        return broker.beginningOffsets(partitions);
    }

    /** Where reading each partition ends, by {@code scan.bounded.mode}, given where it starts. */
    Map<TopicPartition, Long> stopOffsets(Map<TopicPartition, Long> starts) {
        Collection<TopicPartition> partitions = starts.keySet();
        Map<TopicPartition, Long> stops = new HashMap<>();
        switch (config.boundedMode()) {
            case UNBOUNDED -> partitions.forEach(p -> stops.put(p, NO_STOP));
            case LATEST_OFFSET -> stops.putAll(broker.endOffsets(partitions));
            case TIMESTAMP -> stops.putAll(orEnd(broker.offsetsForTimestamp(partitions, config.boundedTimestamp()),
                    partitions));
            case GROUP_OFFSETS -> {
                Map<TopicPartition, Long> committed = broker.committedOffsets(partitions);
                List<TopicPartition> missing = partitions.stream().filter(p -> !committed.containsKey(p)).toList();
                if (!missing.isEmpty()) {
                    throw new SluiceException(ErrorCode.EXTERNAL_ERROR, "Table '" + config.tableName() + "': '"
                            + KafkaOptions.SCAN_BOUNDED_MODE + "' = 'group-offsets' but group '"
                            + config.groupId().orElseThrow() + "' has no committed offset for " + sorted(missing));
                }
                stops.putAll(committed);
            }
            // a partition without an offset is not read at all (Flink)
            case SPECIFIC_OFFSETS -> partitions.forEach(p -> stops.put(p,
                    config.boundedOffsets().getOrDefault(p.partition(), starts.get(p))));
        }
        return stops;
    }

    private Map<TopicPartition, Long> groupStartOffsets(Collection<TopicPartition> partitions) {
        Map<TopicPartition, Long> offsets = new HashMap<>(broker.committedOffsets(partitions));
        List<TopicPartition> missing = partitions.stream().filter(p -> !offsets.containsKey(p)).toList();
        if (missing.isEmpty()) {
            return offsets;
        }
        String reset = config.missingGroupOffset().orElseThrow(() -> new SluiceException(ErrorCode.EXTERNAL_ERROR,
                "Table '" + config.tableName() + "': group '" + config.groupId().orElseThrow()
                        + "' has no committed offset for " + sorted(missing) + " and 'properties.auto.offset.reset'"
                        + " is not set; set it to 'earliest' or 'latest', or choose another '"
                        + KafkaOptions.SCAN_STARTUP_MODE + "'"));
        offsets.putAll(reset.equals("latest") ? broker.endOffsets(missing) : broker.beginningOffsets(missing));
        return offsets;
    }

    /** Listed partitions start at their offset; the others at the group's offset if any, else the earliest (Flink). */
    private Map<TopicPartition, Long> specificStartOffsets(Collection<TopicPartition> partitions) {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        List<TopicPartition> unlisted = new ArrayList<>();
        for (TopicPartition p : partitions) {
            Long offset = config.startupOffsets().get(p.partition());
            if (offset != null) {
                offsets.put(p, offset);
            } else {
                unlisted.add(p);
            }
        }
        if (!unlisted.isEmpty() && config.groupId().isPresent()) {
            offsets.putAll(broker.committedOffsets(unlisted));
        }
        unlisted.removeIf(offsets::containsKey);
        offsets.putAll(broker.beginningOffsets(unlisted));
        return offsets;
    }

    /** Offsets found by timestamp; partitions without a record that late start (or stop) at their end. */
    private Map<TopicPartition, Long> orEnd(Map<TopicPartition, Long> found, Collection<TopicPartition> partitions) {
        Map<TopicPartition, Long> offsets = new HashMap<>(found);
        List<TopicPartition> none = partitions.stream().filter(p -> !found.containsKey(p)).toList();
        offsets.putAll(broker.endOffsets(none));
        return offsets;
    }

    private static List<String> sorted(List<TopicPartition> partitions) {
        return partitions.stream().map(p -> "topic " + p.topic() + " partition " + p.partition()).sorted().toList();
    }
}
