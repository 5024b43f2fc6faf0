package io.sluice.executor.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointStorageTest {
    @TempDir
    Path dir;

    private static CompletedCheckpoint checkpoint(long id, Path directory) {
        TaskSnapshot task = new TaskSnapshot(0, 0, new byte[] {1, 2, 3}, Arrays.asList(new byte[] {4}, null),
                Arrays.asList(null, new byte[] {5, 6}));
        return new CompletedCheckpoint(id, "job", 1000L + id, false,
                List.of(new CompletedCheckpoint.VertexInfo("Source: t -> Sink: s", 1)), List.of(task), directory);
    }

    @Test
    void shouldReadBackTheNewestCompleteCheckpoint() throws Exception {
        CheckpointStorage storage = new CheckpointStorage(dir);
        storage.commit(checkpoint(1, storage.checkpointDirectory(1)));
        storage.commit(checkpoint(2, storage.checkpointDirectory(2)));
        CompletedCheckpoint latest = storage.latest().orElseThrow();
        assertThat(latest.id()).isEqualTo(2);
        assertThat(latest.tasks().get(0).sourceState()).containsExactly(1, 2, 3);
        assertThat(latest.tasks().get(0).keyedStates().get(1)).containsExactly(5, 6);
        assertThat(latest.directory()).isEqualTo(storage.checkpointDirectory(2));
    }

    @Test
    void shouldSkipATornOrCorruptCheckpointAndUseTheOneBefore() throws Exception {
        CheckpointStorage storage = new CheckpointStorage(dir);
        storage.commit(checkpoint(1, storage.checkpointDirectory(1)));
        storage.commit(checkpoint(2, storage.checkpointDirectory(2)));
        storage.commit(checkpoint(3, storage.checkpointDirectory(3)));
        Path torn = storage.checkpointDirectory(3).resolve("_metadata");
        byte[] bytes = Files.readAllBytes(torn);
        Files.write(torn, Arrays.copyOf(bytes, bytes.length / 2));
        Path flipped = storage.checkpointDirectory(2).resolve("_metadata");
        byte[] corrupt = Files.readAllBytes(flipped);
        corrupt[20] ^= 0x40;
        Files.write(flipped, corrupt);
        // a checkpoint whose metadata was never renamed into place is incomplete
        Files.createDirectories(storage.checkpointDirectory(4));
        Files.write(storage.checkpointDirectory(4).resolve("_metadata.inprogress"), new byte[] {1});

        assertThat(storage.latest().orElseThrow().id()).isEqualTo(1);
        assertThat(storage.highestId()).isEqualTo(4);
    }

    @Test
    void shouldKeepOnlyTheRetainedCheckpoints() throws Exception {
        CheckpointStorage storage = new CheckpointStorage(dir);
        for (long id = 1; id <= 5; id++) {
            storage.commit(checkpoint(id, storage.checkpointDirectory(id)));
        }
        storage.prune(2, 6);
        assertThat(Files.exists(storage.checkpointDirectory(5))).isTrue();
        assertThat(Files.exists(storage.checkpointDirectory(4))).isTrue();
        assertThat(Files.exists(storage.checkpointDirectory(3))).isFalse();
        assertThat(Files.exists(storage.checkpointDirectory(1))).isFalse();
    }
}
