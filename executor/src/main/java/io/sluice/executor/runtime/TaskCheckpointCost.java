package io.sluice.executor.runtime;

/**
 * What one task's part of a checkpoint cost: how long its input was held back for barrier
 * alignment, how long it snapshotted on its own thread, and the bytes of its keyed state snapshots
 * (written for this checkpoint, and in total).
 */
record TaskCheckpointCost(long alignmentNanos, long snapshotNanos, long writtenBytes, long totalBytes) {
}
