package io.sluice.connectors.kafka.source;

import org.apache.kafka.common.TopicPartition;

/**
 * Which source subtask reads a partition, computed by every subtask alone: the partitions of a topic
 * go round-robin over the subtasks, starting at a subtask chosen by the topic's name, so that the
 * first partitions of several topics do not all land on subtask 0 (Flink's rule).
 */
final class PartitionOwnership {
    private PartitionOwnership() {
    }

    static int ownerOf(TopicPartition partition, int parallelism) {
        int start = ((partition.topic().hashCode() * 31) & 0x7FFFFFFF) % parallelism;
        return (start + partition.partition()) % parallelism;
    }

    static boolean owns(int subtask, int parallelism, TopicPartition partition) {
        return ownerOf(partition, parallelism) == subtask;
    }
}
