package io.sluice.connectors.jdbc;

import io.sluice.connectors.state.StateBytes;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What an exactly-once jdbc sink subtask needs after a crash: the run it belongs to and the
 * transactions it sealed at checkpoints but has not committed yet, each with its rows.
 *
 * <pre>
 *   int magic 'JDBC', int version 1, string runId, int subtask,
 *   int n, n x (long checkpointId, int m, m x (boolean delete, row))
 * </pre>
 */
record JdbcSinkState(String runId, int subtask, List<PendingTransaction> pending) {
    private static final int MAGIC = 0x4A444243;
    private static final int VERSION = 1;

    JdbcSinkState {
        Objects.requireNonNull(runId, "runId is null");
        pending = List.copyOf(pending);
    }

    /** The changes between the barriers of checkpoints {@code checkpointId - 1} and {@code checkpointId}. */
    record PendingTransaction(long checkpointId, List<Change> changes) {
        PendingTransaction {
            changes = List.copyOf(changes);
        }
    }

    byte[] encode(RowCodec codec) {
        return StateBytes.encode(MAGIC, VERSION, out -> {
            StateBytes.writeString(out, runId);
            out.writeInt(subtask);
            out.writeInt(pending.size());
            for (PendingTransaction transaction : pending) {
                out.writeLong(transaction.checkpointId());
                out.writeInt(transaction.changes().size());
                for (Change change : transaction.changes()) {
                    out.writeBoolean(change.delete());
                    codec.write(out, change.row());
                }
            }
        });
    }

    static JdbcSinkState decode(byte[] bytes, RowCodec codec, String what) {
        return StateBytes.decode(bytes, MAGIC, VERSION, what, in -> read(in, codec));
    }

    private static JdbcSinkState read(DataInputStream in, RowCodec codec) throws IOException {
        String runId = StateBytes.readString(in);
        int subtask = in.readInt();
        if (subtask < 0) {
            throw new IOException("negative subtask");
        }
        int n = StateBytes.readCount(in, 12);
        List<PendingTransaction> pending = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            long checkpointId = in.readLong();
            int m = StateBytes.readCount(in, 2);
            List<Change> changes = new ArrayList<>(m);
            for (int j = 0; j < m; j++) {
                boolean delete = in.readBoolean();
                changes.add(new Change(delete, codec.read(in)));
            }
            pending.add(new PendingTransaction(checkpointId, changes));
        }
        return new JdbcSinkState(runId, subtask, pending);
    }
}
