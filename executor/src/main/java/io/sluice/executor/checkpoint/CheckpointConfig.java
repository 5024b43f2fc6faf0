package io.sluice.executor.checkpoint;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How a job checkpoints: every {@code interval} (zero disables checkpoints), into
 * {@code <jobDirectory>/checkpoints}, keeping the last {@code retained} completed ones, with keyed
 * state in the named backend ({@code hashmap} or {@code rocksdb}).
 */
public record CheckpointConfig(Duration interval, Optional<Path> jobDirectory, int retained, String stateBackend) {
    public CheckpointConfig {
        Objects.requireNonNull(interval, "interval is null");
        Objects.requireNonNull(jobDirectory, "jobDirectory is null");
        Objects.requireNonNull(stateBackend, "stateBackend is null");
        if (retained < 1) {
            throw new IllegalArgumentException("retained must be at least 1: " + retained);
        }
        if (!interval.isZero() && jobDirectory.isEmpty()) {
            throw new IllegalArgumentException("checkpoints need a job directory");
        }
    }

    public static CheckpointConfig disabled() {
        return new CheckpointConfig(Duration.ZERO, Optional.empty(), 1, "hashmap");
    }

    public boolean enabled() {
        return !interval.isZero();
    }
}
