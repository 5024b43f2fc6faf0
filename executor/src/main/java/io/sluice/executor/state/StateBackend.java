package io.sluice.executor.state;

import java.nio.file.Path;
import java.util.List;

/**
 * Makes the {@link KeyedStateStore}s of operator subtasks; chosen by {@code 'state.backend'}
 * ({@link StateBackends#of}). Backends are stateless and shareable between threads.
 */
public interface StateBackend {

    /** The configuration name: {@code hashmap} or {@code rocksdb}. */
    String name();

    /**
     * Opens the store of one operator subtask owning {@code range}.
     *
     * @param operatorId names the operator subtask in errors
     * @param range the key groups the subtask owns
     * @param workingDirectory a directory the store may use for its files while it is open (the
     *     RocksDB backend keeps its database there); the store deletes nothing else in it
     * @param restoreFrom the snapshots of the old subtasks whose ranges intersect {@code range}
     *     (empty for a fresh start): the store takes exactly the key groups of {@code range} from
     *     them. Snapshots of either backend can be restored, so a job may switch backends.
     */
    KeyedStateStore create(String operatorId, KeyGroupRange range, Path workingDirectory, List<StateSnapshot> restoreFrom);
}
