package io.sluice.executor.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.executor.data.KeyGroups;
import org.junit.jupiter.api.Test;

class KeyGroupRangeTest {

    @Test
    void shouldAgreeWithKeyGroupsAtEveryParallelism() {
        for (int parallelism = 1; parallelism <= KeyGroups.MAX_PARALLELISM; parallelism++) {
            for (int subtask = 0; subtask < parallelism; subtask++) {
                KeyGroupRange range = KeyGroupRange.of(subtask, parallelism);
                for (int group = 0; group < KeyGroups.MAX_PARALLELISM; group++) {
                    assertThat(range.contains(group))
                            .as("group %s, subtask %s of %s", group, subtask, parallelism)
                            .isEqualTo(KeyGroups.subtaskOf(group, parallelism) == subtask);
                }
            }
        }
        assertThat(KeyGroupRange.of(0, 1)).isEqualTo(KeyGroupRange.all());
        assertThat(KeyGroupRange.of(1, 3)).isEqualTo(new KeyGroupRange(43, 85));
    }

    @Test
    void shouldTellContainmentAndIntersection() {
        KeyGroupRange range = new KeyGroupRange(10, 20);
        assertThat(range.size()).isEqualTo(11);
        assertThat(range.contains(10)).isTrue();
        assertThat(range.contains(20)).isTrue();
        assertThat(range.contains(21)).isFalse();
        assertThat(range.intersects(new KeyGroupRange(20, 30))).isTrue();
        assertThat(range.intersects(new KeyGroupRange(0, 9))).isFalse();
        assertThat(range.intersection(new KeyGroupRange(15, 127))).isEqualTo(new KeyGroupRange(15, 20));
        assertThat(range.contains(new KeyGroupRange(11, 20))).isTrue();
        assertThat(range.contains(new KeyGroupRange(11, 21))).isFalse();
    }

    @Test
    void shouldRefuseInvalidRanges() {
        assertThatThrownBy(() -> new KeyGroupRange(5, 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new KeyGroupRange(0, 128)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KeyGroupRange.of(0, 129)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KeyGroupRange.of(2, 2)).isInstanceOf(IllegalArgumentException.class);
    }
}
