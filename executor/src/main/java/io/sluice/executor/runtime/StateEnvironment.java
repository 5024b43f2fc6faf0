package io.sluice.executor.runtime;

import io.sluice.executor.checkpoint.CheckpointStorage;
import io.sluice.executor.state.StateBackend;
import java.nio.file.Path;

/**
 * Where a run keeps keyed state: the backend, a working directory for open stores (RocksDB files),
 * and the checkpoint storage that snapshots go to (null without checkpoints).
 */
record StateEnvironment(StateBackend backend, Path workingDirectory, CheckpointStorage storage,
        java.time.Duration checkpointInterval) {
}
