package io.sluice.executor.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StateSnapshotTest {

    @Test
    void shouldRoundTripThroughBytes() {
        StateSnapshot snapshot = new StateSnapshot("rocksdb", 42, new KeyGroupRange(43, 85),
                Path.of("/state/jobs/j/checkpoints/chk-42/v1-s1-op0"), Map.of("format", "1", "entries", "10"));
        assertThat(StateSnapshot.fromBytes(snapshot.toBytes())).isEqualTo(snapshot);
    }

    @Test
    void shouldStoreTheDirectoryRelativeToABase() {
        Path base = Path.of("/state/jobs/j/checkpoints/chk-42");
        StateSnapshot snapshot = new StateSnapshot("hashmap", 42, KeyGroupRange.all(), base.resolve("v1-s0-op2"), Map.of());
        byte[] bytes = snapshot.toBytes(base);

        StateSnapshot moved = StateSnapshot.fromBytes(bytes, Path.of("/elsewhere/chk-42"));

        assertThat(moved.directory()).isEqualTo(Path.of("/elsewhere/chk-42/v1-s0-op2"));
        assertThat(moved.withDirectory(snapshot.directory())).isEqualTo(snapshot);
    }

    @Test
    void shouldRefuseBytesThatAreNoDescription() {
        assertThatThrownBy(() -> StateSnapshot.fromBytes(new byte[] {1, 2, 3, 4, 5}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
