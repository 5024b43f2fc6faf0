package io.sluice.executor.checkpoint;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How a job checkpoints: every {@code interval} (zero disables checkpoints), into
 * {@code <jobDirectory>/checkpoints}, keeping the last {@code retained} completed ones, with keyed
 * state in the named backend ({@code hashmap} or {@code rocksdb}). Savepoints go to
 * {@code <savepointDirectory>/<job directory's name>/savepoint-<id>}, or without one to
 * {@code <jobDirectory>/savepoints/savepoint-<id>}.
 */
public record CheckpointConfig(Duration interval, Optional<Path> jobDirectory, int retained, String stateBackend,
        Optional<Path> savepointDirectory) {
    public CheckpointConfig {
        Objects.requireNonNull(interval, "interval is null");
        Objects.requireNonNull(savepointDirectory, "savepointDirectory is null");
        Objects.requireNonNull(jobDirectory, "jobDirectory is null");
        Objects.requireNonNull(stateBackend, "stateBackend is null");
        if (retained < 1) {
            throw new IllegalArgumentException("retained must be at least 1: " + retained);
        }
        if (!interval.isZero() && jobDirectory.isEmpty()) {
            throw new IllegalArgumentException("checkpoints need a job directory");
        }
    }

    public CheckpointConfig(Duration interval, Optional<Path> jobDirectory, int retained, String stateBackend) {
        this(interval, jobDirectory, retained, stateBackend, Optional.empty());
    }

    /** Where the savepoint of checkpoint {@code id} is stored. */
    public Path savepointPath(long id) {
        Path job = jobDirectory.orElseThrow(() -> new IllegalStateException("savepoints need a job directory"));
        Path root = savepointDirectory.map(directory -> directory.resolve(job.getFileName().toString()))
                .orElse(job.resolve("savepoints"));
        return root.resolve("savepoint-" + id);
    }

    public static CheckpointConfig disabled() {
        return new CheckpointConfig(Duration.ZERO, Optional.empty(), 1, "hashmap");
    }

    public boolean enabled() {
        return !interval.isZero();
    }
}
