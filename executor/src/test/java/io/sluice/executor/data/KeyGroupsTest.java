package io.sluice.executor.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KeyGroupsTest {

    private static int subtaskOfKey(Object key, int parallelism) {
        return KeyGroups.subtaskOf(KeyGroups.keyGroupOf(RowKey.hashOf(new Object[] {key}, new int[] {0})), parallelism);
    }

    @Test
    void shouldMapEveryHashToAKeyGroup() {
        for (int hash : new int[] {0, 1, -1, Integer.MIN_VALUE, Integer.MAX_VALUE, 12345}) {
            assertThat(KeyGroups.keyGroupOf(hash)).isBetween(0, KeyGroups.MAX_PARALLELISM - 1);
        }
    }

    @Test
    void shouldSpreadSmallIntegerKeysOverAllKeyGroups() {
        Set<Integer> groups = new HashSet<>();
        for (long key = 0; key < 2_000; key++) {
            groups.add(KeyGroups.keyGroupOf(RowKey.hashOf(new Object[] {key}, new int[] {0})));
        }
        assertThat(groups).hasSize(KeyGroups.MAX_PARALLELISM);
    }

    @Test
    void shouldGiveEachSubtaskAContiguousNonEmptyRangeOfKeyGroups() {
        for (int parallelism = 1; parallelism <= KeyGroups.MAX_PARALLELISM; parallelism++) {
            int previous = 0;
            int[] groupsPerSubtask = new int[parallelism];
            for (int group = 0; group < KeyGroups.MAX_PARALLELISM; group++) {
                int subtask = KeyGroups.subtaskOf(group, parallelism);
                assertThat(subtask).as("subtask of group %s at parallelism %s", group, parallelism)
                        .isBetween(previous, previous + 1);
                groupsPerSubtask[subtask]++;
                previous = subtask;
            }
            assertThat(previous).isEqualTo(parallelism - 1);
            for (int count : groupsPerSubtask) {
                assertThat(count).isBetween(KeyGroups.MAX_PARALLELISM / parallelism,
                        (KeyGroups.MAX_PARALLELISM + parallelism - 1) / parallelism);
            }
        }
    }

    @Test
    void shouldSpreadManyKeysOverAllSubtasks() {
        int keys = 20_000;
        for (int parallelism : new int[] {2, 3, 4, 7, 16}) {
            int[] perSubtask = new int[parallelism];
            for (int i = 0; i < keys; i++) {
                perSubtask[subtaskOfKey("key-" + i, parallelism)]++;
            }
            for (int subtask = 0; subtask < parallelism; subtask++) {
                assertThat(perSubtask[subtask]).as("keys of subtask %s of %s", subtask, parallelism)
                        .isGreaterThan(keys / parallelism / 2);
            }
        }
    }

    @Test
    void shouldSendEqualKeysToTheSameSubtask() {
        assertThat(subtaskOfKey(new java.math.BigDecimal("2.50"), 7))
                .isEqualTo(subtaskOfKey(new java.math.BigDecimal("2.5"), 7));
        assertThat(subtaskOfKey("abc", 5)).isEqualTo(subtaskOfKey(new String("abc"), 5));
    }
}
