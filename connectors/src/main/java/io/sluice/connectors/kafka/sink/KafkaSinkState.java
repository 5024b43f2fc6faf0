package io.sluice.connectors.kafka.sink;

import io.sluice.connectors.state.StateBytes;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What an exactly-once Kafka sink subtask needs after a crash: the transactions it pre-committed
 * (their records, in order) and has not committed yet, and the run that wrote them, by which it
 * recognises its own progress marker.
 *
 * <pre>
 *   int magic 'KSNK', int version 1, string transactionalIdPrefix, string topic, int subtask, string runId,
 *   int n, n x (long checkpointId, int m, m x record)
 *   record: int partition (-1: Kafka chooses), long timestamp (Long.MIN_VALUE: none),
 *           int keyLength (-1: null), key bytes, int valueLength (-1: null), value bytes
 * </pre>
 *
 * @param transactionalIdPrefix the prefix the subtask used; its transactional id and marker group
 *     are {@code <prefix>-<subtask>}
 * @param topic the topic the records go to
 */
record KafkaSinkState(String transactionalIdPrefix, String topic, int subtask, String runId,
        List<PendingTransaction> pending) {
    private static final int MAGIC = 0x4B534E4B;
    private static final int VERSION = 1;

    KafkaSinkState {
        Objects.requireNonNull(transactionalIdPrefix, "transactionalIdPrefix is null");
        Objects.requireNonNull(topic, "topic is null");
        Objects.requireNonNull(runId, "runId is null");
        pending = List.copyOf(pending);
    }

    /** The records written between the barriers of checkpoints {@code checkpointId - 1} and {@code checkpointId}. */
    record PendingTransaction(long checkpointId, List<SinkRecord> records) {
        PendingTransaction {
            records = List.copyOf(records);
        }
    }

    String transactionalId() {
        return TransactionalKafkaSinkWriter.transactionalId(transactionalIdPrefix, subtask);
    }

    byte[] encode() {
        return StateBytes.encode(MAGIC, VERSION, out -> {
            StateBytes.writeString(out, transactionalIdPrefix);
            StateBytes.writeString(out, topic);
            out.writeInt(subtask);
            StateBytes.writeString(out, runId);
            out.writeInt(pending.size());
            for (PendingTransaction transaction : pending) {
                out.writeLong(transaction.checkpointId());
                out.writeInt(transaction.records().size());
                for (SinkRecord record : transaction.records()) {
                    out.writeInt(record.partition());
                    out.writeLong(record.timestamp());
                    writeBytes(out, record.key());
                    writeBytes(out, record.value());
                }
            }
        });
    }

    static KafkaSinkState decode(byte[] bytes, String what) {
        return StateBytes.decode(bytes, MAGIC, VERSION, what, KafkaSinkState::read);
    }

    private static KafkaSinkState read(DataInputStream in) throws IOException {
        String prefix = StateBytes.readString(in);
        String topic = StateBytes.readString(in);
        int subtask = in.readInt();
        String runId = StateBytes.readString(in);
        if (subtask < 0) {
            throw new IOException("negative subtask");
        }
        int n = StateBytes.readCount(in, 12);
        List<PendingTransaction> pending = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            long checkpointId = in.readLong();
            int m = StateBytes.readCount(in, 20);
            List<SinkRecord> records = new ArrayList<>(m);
            for (int r = 0; r < m; r++) {
                int partition = in.readInt();
                long timestamp = in.readLong();
                byte[] key = readBytes(in);
                byte[] value = readBytes(in);
                if (partition < SinkRecord.ANY_PARTITION) {
                    throw new IOException("partition " + partition);
                }
                records.add(new SinkRecord(key, value, timestamp, partition));
            }
            pending.add(new PendingTransaction(checkpointId, records));
        }
        return new KafkaSinkState(prefix, topic, subtask, runId, pending);
    }

    private static void writeBytes(DataOutputStream out, byte[] bytes) throws IOException {
        if (bytes == null) {
            out.writeInt(-1);
        } else {
            out.writeInt(bytes.length);
            out.write(bytes);
        }
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length == -1) {
            return null;
        }
        if (length < 0 || length > in.available()) {
            throw new IOException("byte length " + length + " exceeds the state");
        }
        return in.readNBytes(length);
    }
}
