package io.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.executor.checkpoint.CheckpointStats;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ProgressReporterTest {

    @Test
    void shouldShowTheCheckpointCountAndTheLastCheckpointsDurationAndBytesWritten() {
        CheckpointStats last = new CheckpointStats(14, Instant.EPOCH, 1_235, 1_288_490, 9_000_000, 3, 20, false);
        assertThat(ProgressReporter.checkpoints(12, last)).isEqualTo("checkpoints 12 (last: 1,235 ms, 1.2 MiB written)");
    }
}
