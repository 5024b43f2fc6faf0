package io.sluice.connectors.kafka.source;

import io.sluice.connectors.kafka.source.KafkaSourceState.Position;
import io.sluice.executor.connector.SourceOutput.SplitOutput;
import org.apache.kafka.common.TopicPartition;

/**
 * One owned partition being read: its split (id {@code topic-partition}, so watermarks are per
 * partition), the offset of the first record not emitted yet, and where it stops.
 */
final class PartitionSplit {
    private final TopicPartition partition;
    private final long stopOffset;
    private long nextOffset;
    private SplitOutput output;
    private boolean finished;

    PartitionSplit(TopicPartition partition, long nextOffset, long stopOffset) {
        this.partition = partition;
        this.nextOffset = nextOffset;
        this.stopOffset = stopOffset;
        this.finished = nextOffset >= stopOffset;
    }

    static String splitId(TopicPartition partition) {
        return partition.topic() + "-" + partition.partition();
    }

    TopicPartition partition() {
        return partition;
    }

    String splitId() {
        return splitId(partition);
    }

    long nextOffset() {
        return nextOffset;
    }

    long stopOffset() {
        return stopOffset;
    }

    boolean finished() {
        return finished;
    }

    boolean registered() {
        return output != null;
    }

    /** Binds the runtime's split output; a split that is already done is finished at once. */
    void register(SplitOutput splitOutput) {
        this.output = splitOutput;
        if (finished) {
            splitOutput.finish();
        }
    }

    SplitOutput output() {
        return output;
    }

    /** Every record before {@code offset} was emitted or is not there (control records, aborted data). */
    void advanceTo(long offset) {
        nextOffset = Math.max(nextOffset, offset);
    }

    /** True when the record at {@code offset} lies at or past the stop offset, and the split is done. */
    boolean isPastEnd(long offset) {
        return offset >= stopOffset;
    }

    /** True when the split has now reached its stop offset (and was not finished before). */
    boolean reachedEnd() {
        return !finished && nextOffset >= stopOffset;
    }

    void finish() {
        finished = true;
        nextOffset = Math.max(nextOffset, stopOffset);
        if (output != null) {
            output.finish();
        }
    }

    Position position() {
        return new Position(partition, nextOffset, stopOffset);
    }
}
