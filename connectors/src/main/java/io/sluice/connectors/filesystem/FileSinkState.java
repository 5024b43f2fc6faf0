package io.sluice.connectors.filesystem;

import io.sluice.connectors.state.StateBytes;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What a filesystem sink subtask needs after a crash: the part files it pre-committed but has not
 * published yet, each with the checkpoint that covers it, and the number of its next part file.
 * Every part file this subtask ever created under {@code sinkId} has a number below
 * {@code nextPart}; so an in-progress file of the same sink id and subtask numbered
 * {@code nextPart} or more was written after this state was taken, and is an orphan.
 *
 * <pre>
 *   int magic 'FSNK', int version 1, string sinkId, int subtask, long nextPart,
 *   int n, n x (long checkpointId, string inProgressFileName, string finalFileName)
 * </pre>
 */
record FileSinkState(String sinkId, int subtask, long nextPart, List<PendingPart> pending) {
    private static final int MAGIC = 0x46534E4B;
    private static final int VERSION = 1;

    FileSinkState {
        pending = List.copyOf(pending);
    }

    /**
     * A closed, synced, still hidden part file. {@code checkpointId} is {@link #NOT_COVERED} until the
     * next checkpoint's pre-commit takes it in.
     */
    record PendingPart(long checkpointId, String inProgressName, String finalName) {
        static final long NOT_COVERED = -1;

        PendingPart coveredBy(long id) {
            return new PendingPart(id, inProgressName, finalName);
        }
    }

    byte[] encode() {
        return StateBytes.encode(MAGIC, VERSION, out -> {
            StateBytes.writeString(out, sinkId);
            out.writeInt(subtask);
            out.writeLong(nextPart);
            out.writeInt(pending.size());
            for (PendingPart part : pending) {
                out.writeLong(part.checkpointId());
                StateBytes.writeString(out, part.inProgressName());
                StateBytes.writeString(out, part.finalName());
            }
        });
    }

    static FileSinkState decode(byte[] bytes, String what) {
        return StateBytes.decode(bytes, MAGIC, VERSION, what, FileSinkState::read);
    }

    private static FileSinkState read(DataInputStream in) throws IOException {
        String sinkId = StateBytes.readString(in);
        int subtask = in.readInt();
        long nextPart = in.readLong();
        int n = StateBytes.readCount(in, 16);
        List<PendingPart> pending = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            long checkpointId = in.readLong();
            String inProgress = StateBytes.readString(in);
            String finalName = StateBytes.readString(in);
            if (inProgress.contains("/") || finalName.contains("/") || inProgress.contains("\\")
                    || finalName.contains("\\")) {
                throw new IOException("part file name with a path separator");
            }
            pending.add(new PendingPart(checkpointId, inProgress, finalName));
        }
        if (subtask < 0 || nextPart < 0) {
            throw new IOException("negative subtask or part number");
        }
        return new FileSinkState(sinkId, subtask, nextPart, pending);
    }
}
