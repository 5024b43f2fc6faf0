package io.sluice.executor.checkpoint;

import java.time.Instant;
import java.util.Objects;

/**
 * What one completed checkpoint cost, for logs, progress lines and SHOW JOBS.
 *
 * @param id the checkpoint's id
 * @param completedAt when its metadata was committed
 * @param durationMillis from triggering at the sources to committed metadata
 * @param writtenBytes bytes written for this checkpoint: keyed state files new since each store's
 *     previous snapshot, plus the metadata file. RocksDB files an earlier checkpoint already held
 *     are hard links to the same data and are not counted here.
 * @param totalBytes bytes of everything the checkpoint references, hard-linked RocksDB files included
 * @param maxAlignmentMillis the longest any task held back input while waiting for barriers
 * @param maxSnapshotMillis the longest any task spent snapshotting on its own thread
 * @param savepoint whether it was taken as a savepoint
 */
public record CheckpointStats(long id, Instant completedAt, long durationMillis, long writtenBytes, long totalBytes,
        long maxAlignmentMillis, long maxSnapshotMillis, boolean savepoint) {

    public CheckpointStats {
        Objects.requireNonNull(completedAt, "completedAt is null");
    }
}
