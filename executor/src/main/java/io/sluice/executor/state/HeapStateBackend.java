package io.sluice.executor.state;

import java.nio.file.Path;
import java.util.List;

/**
 * Keyed state on the Java heap ({@code 'state.backend' = 'hashmap'}): per key group a sorted map.
 * Fast, bounded by memory; each snapshot writes the whole state ({@link HeapSnapshotFile}).
 */
public final class HeapStateBackend implements StateBackend {
    static final String NAME = "hashmap";
    static final HeapStateBackend INSTANCE = new HeapStateBackend();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public KeyedStateStore create(String operatorId, KeyGroupRange range, Path workingDirectory,
            List<StateSnapshot> restoreFrom) {
        return HeapKeyedStateStore.open(operatorId, range, workingDirectory, restoreFrom);
    }

    @Override
    public String toString() {
        return NAME;
    }
}
