package io.sluice.connectors.kafka.source;

import io.sluice.connectors.state.StateBytes;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.TopicPartition;

/**
 * One Kafka source subtask's positions at a checkpoint: for every partition it owned, the offset of
 * the first record it had not emitted yet, and the offset it stops before (bounded tables; fixed when
 * the partition was first read, so a restored reader ends where the original would have).
 *
 * <pre>
 *   int magic 'KSRC', int version 1, int subtask, int parallelism,
 *   int n, n x (string topic, int partition, long nextOffset, long stopOffset)
 * </pre>
 */
record KafkaSourceState(int subtask, int parallelism, List<Position> positions) {
    private static final int MAGIC = 0x4B535243;
    private static final int VERSION = 1;

    KafkaSourceState {
        positions = List.copyOf(positions);
    }

    /** Where a partition stands; it is done when {@code nextOffset >= stopOffset}. */
    record Position(TopicPartition partition, long nextOffset, long stopOffset) {
        boolean finished() {
            return nextOffset >= stopOffset;
        }
    }

    byte[] encode() {
        return StateBytes.encode(MAGIC, VERSION, out -> {
            out.writeInt(subtask);
            out.writeInt(parallelism);
            out.writeInt(positions.size());
            for (Position p : positions) {
                StateBytes.writeString(out, p.partition().topic());
                out.writeInt(p.partition().partition());
                out.writeLong(p.nextOffset());
                out.writeLong(p.stopOffset());
            }
        });
    }

    /** @param what names the state in errors, e.g. {@code Table 'bids': the Kafka source state of the checkpoint} */
    static KafkaSourceState decode(byte[] bytes, String what) {
        return StateBytes.decode(bytes, MAGIC, VERSION, what, KafkaSourceState::read);
    }

    private static KafkaSourceState read(DataInputStream in) throws IOException {
        int subtask = in.readInt();
        int parallelism = in.readInt();
        int n = StateBytes.readCount(in, 24);
        List<Position> positions = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String topic = StateBytes.readString(in);
            int partition = in.readInt();
            long next = in.readLong();
            long stop = in.readLong();
            if (partition < 0 || next < 0 || stop < 0) {
                throw new IOException("negative partition or offset for topic '" + topic + "'");
            }
            positions.add(new Position(new TopicPartition(topic, partition), next, stop));
        }
        return new KafkaSourceState(subtask, parallelism, positions);
    }
}
