package io.sluice.connectors.kafka.sink;

/**
 * The partition of each record of one writer under {@code sink.partitioner}. The topic's partition
 * count is read once, when the writer opens: partitions added later are used by {@code default}
 * only.
 */
final class PartitionChooser {
    private final SinkPartitioning partitioning;
    private final int subtaskIndex;
    private final int partitionCount;
    private int nextRoundRobin;

    PartitionChooser(SinkPartitioning partitioning, int subtaskIndex, int partitionCount) {
        if (partitioning != SinkPartitioning.DEFAULT && partitionCount <= 0) {
            throw new IllegalArgumentException("partitionCount " + partitionCount);
        }
        this.partitioning = partitioning;
        this.subtaskIndex = subtaskIndex;
        this.partitionCount = partitionCount;
        // subtasks start at different partitions so that they do not all begin on partition 0
        this.nextRoundRobin = partitionCount <= 0 ? 0 : subtaskIndex % partitionCount;
    }

    int next() {
        switch (partitioning) {
            case FIXED:
                return subtaskIndex % partitionCount;
            case ROUND_ROBIN:
                int partition = nextRoundRobin;
                nextRoundRobin = (nextRoundRobin + 1) % partitionCount;
                return partition;
            default:
                return SinkRecord.ANY_PARTITION;
        }
    }
}
