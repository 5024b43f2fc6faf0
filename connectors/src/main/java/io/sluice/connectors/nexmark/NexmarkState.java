package io.sluice.connectors.nexmark;

import io.sluice.connectors.state.StateBytes;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.List;

/**
 * Where one Nexmark subtask is: subtask {@code s} of {@code p} makes the table's ordinals
 * {@code s, s + p, s + 2p, ...} and has made the first {@code emitted} of them. The seed is kept so
 * that a restored job makes the same events even if the table's seed option changed.
 *
 * <pre>
 *   int magic 'NXMK', int version 1, long seed, int subtask, int parallelism, long emitted
 * </pre>
 */
record NexmarkState(long seed, int subtask, int parallelism, long emitted) {
    private static final int MAGIC = 0x4E584D4B;
    private static final int VERSION = 1;

    byte[] encode() {
        return StateBytes.encode(MAGIC, VERSION, out -> {
            out.writeLong(seed);
            out.writeInt(subtask);
            out.writeInt(parallelism);
            out.writeLong(emitted);
        });
    }

    private static NexmarkState read(DataInputStream in) throws IOException {
        return new NexmarkState(in.readLong(), in.readInt(), in.readInt(), in.readLong());
    }

    /**
     * The state of subtask {@code subtask} of {@code parallelism} from a checkpoint's states. Only the
     * same parallelism is supported: the ordinals left after a rescale would not be one progression per
     * subtask any more.
     */
    static NexmarkState restore(List<byte[]> states, int subtask, int parallelism, String what) {
        if (states.size() != 1) {
            throw StateBytes.corrupt(what, "it was taken at parallelism " + states.size() + ", and the nexmark source"
                    + " can only be restored at the same parallelism (now " + parallelism + ")");
        }
        NexmarkState state = StateBytes.decode(states.get(0), MAGIC, VERSION, what, NexmarkState::read);
        if (state.parallelism() != parallelism || state.subtask() != subtask || state.emitted() < 0) {
            throw StateBytes.corrupt(what, "it belongs to subtask " + state.subtask() + " of " + state.parallelism()
                    + ", not " + subtask + " of " + parallelism);
        }
        return state;
    }
}
