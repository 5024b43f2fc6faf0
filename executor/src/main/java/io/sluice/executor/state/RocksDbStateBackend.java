package io.sluice.executor.state;

import java.nio.file.Path;
import java.util.List;

/**
 * Keyed state in an embedded RocksDB per operator subtask ({@code 'state.backend' = 'rocksdb'}):
 * bounded by disk rather than memory, and incremental in snapshot cost, since a snapshot is
 * RocksDB's native checkpoint of hard links to immutable SST files.
 */
public final class RocksDbStateBackend implements StateBackend {
    static final String NAME = "rocksdb";
    static final RocksDbStateBackend INSTANCE = new RocksDbStateBackend();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public KeyedStateStore create(String operatorId, KeyGroupRange range, Path workingDirectory,
            List<StateSnapshot> restoreFrom) {
        return RocksDbKeyedStateStore.open(operatorId, range, workingDirectory, restoreFrom);
    }

    @Override
    public String toString() {
        return NAME;
    }
}
