package io.sluice.executor.state;

import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import java.nio.file.Path;

/**
 * Reads the entries of some key groups out of a snapshot of either backend: the slow path of a
 * restore, used when a store cannot take a snapshot's files as they are (another parallelism,
 * another backend).
 */
final class SnapshotReader {

    /** Receives restored entries; keys and values are fresh arrays the sink may keep. */
    @FunctionalInterface
    interface EntrySink {
        void accept(int keyGroup, byte[] key, byte[] value);
    }

    private SnapshotReader() {
    }

    /**
     * Passes every entry of {@code snapshot} whose key group is in {@code wanted} to {@code sink}.
     *
     * @param scratchDirectory where a reader may write its own files (RocksDB's info log)
     */
    static void read(StateSnapshot snapshot, KeyGroupRange wanted, Path scratchDirectory, EntrySink sink) {
        if (!snapshot.keyGroupRange().intersects(wanted)) {
            return;
        }
        KeyGroupRange groups = snapshot.keyGroupRange().intersection(wanted);
        switch (snapshot.backend()) {
            case HeapStateBackend.NAME -> HeapSnapshotFile.read(snapshot, groups, sink);
            case RocksDbStateBackend.NAME -> RocksDbKeyedStateStore.readCheckpoint(snapshot, groups, scratchDirectory, sink);
            default -> throw new SluiceException(ErrorCode.INTERNAL_ERROR, "cannot restore keyed state written by the unknown state backend '"
                    + snapshot.backend() + "' from " + snapshot.directory());
        }
    }
}
