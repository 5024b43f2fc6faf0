package io.sluice.executor.state;

import static io.sluice.executor.state.StoreContents.open;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.executor.data.KeyGroups;
import io.sluice.executor.data.RowKey;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KeyedStateTest {
    @TempDir
    Path temp;

    private int directories;

    private Path newDirectory() throws IOException {
        return Files.createDirectories(temp.resolve("d" + directories++));
    }

    private static RowKey key(Object... values) {
        int[] fields = new int[values.length];
        for (int i = 0; i < fields.length; i++) {
            fields[i] = i;
        }
        return RowKey.of(values, fields);
    }

    @ParameterizedTest
    @ValueSource(strings = {"hashmap", "rocksdb"})
    void shouldKeepAValuePerKeyAndNamespace(String backend) throws IOException {
        try (KeyedStateStore store = open(backend, KeyGroupRange.all(), newDirectory())) {
            KeyedState state = new KeyedState(store);
            ValueState<Object[]> accumulators = state.valueState("acc");

            state.setCurrentKey(key("a", 1));
            accumulators.update(10, new Object[] {1L, new BigDecimal("2.50")});
            accumulators.update(20, new Object[] {2L, null});
            state.setCurrentKey(key("b", 1));
            accumulators.update(10, new Object[] {3L, BigDecimal.ONE});

            state.setCurrentKey(key("a", 1));
            assertThat(accumulators.get(10)).containsExactly(1L, new BigDecimal("2.50"));
            assertThat(accumulators.get(20)).containsExactly(2L, null);
            assertThat(accumulators.get(30)).isNull();
            state.setCurrentKey(key("b", 1));
            assertThat(accumulators.get(10)).containsExactly(3L, BigDecimal.ONE);
            assertThat(accumulators.get(20)).isNull();

            accumulators.clear(10);
            assertThat(accumulators.get(10)).isNull();
            state.setCurrentKey(key("a", 1));
            assertThat(accumulators.get(10)).isNotNull();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"hashmap", "rocksdb"})
    void shouldKeepLongByteAndNoNamespacesApart(String backend) throws IOException {
        try (KeyedStateStore store = open(backend, KeyGroupRange.all(), newDirectory())) {
            KeyedState state = new KeyedState(store);
            ValueState<String> value = state.valueState("v");
            state.setCurrentKey(key(7L));
            value.update("keyed only");
            value.update(0, "long 0");
            value.update(new byte[] {0}, "bytes 0");
            value.update(new byte[] {0, 0}, "bytes 00");

            assertThat(value.get()).isEqualTo("keyed only");
            assertThat(value.get(KeyedState.NO_NAMESPACE)).isEqualTo("keyed only");
            assertThat(value.get(0)).isEqualTo("long 0");
            assertThat(value.get(new byte[] {0})).isEqualTo("bytes 0");
            assertThat(value.get(new byte[] {0, 0})).isEqualTo("bytes 00");
            value.clear();
            assertThat(value.get()).isNull();
            assertThat(value.smallestNamespace()).hasValue(0);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"hashmap", "rocksdb"})
    void shouldFindTheSmallestNamespaceIncludingNegativeOnes(String backend) throws IOException {
        try (KeyedStateStore store = open(backend, KeyGroupRange.all(), newDirectory())) {
            KeyedState state = new KeyedState(store);
            ValueState<Long> windows = state.valueState("windows");
            assertThat(windows.smallestNamespace()).isEmpty();

            long[] namespaces = {5, -1, Long.MAX_VALUE, 0, -300, Long.MIN_VALUE, 1_700_000_000_000L, -2};
            for (int i = 0; i < namespaces.length; i++) {
                for (long k = 0; k < 20; k++) { // keys spread over many key groups
                    state.setCurrentKey(key(k * 31 + i));
                    windows.update(namespaces[i], k);
                }
            }
            List<Long> fired = new ArrayList<>();
            for (OptionalLong next = windows.smallestNamespace(); next.isPresent(); next = windows.smallestNamespace()) {
                fired.add(next.getAsLong());
                windows.clearNamespace(next.getAsLong());
            }
            assertThat(fired).containsExactly(Long.MIN_VALUE, -300L, -2L, -1L, 0L, 5L, 1_700_000_000_000L, Long.MAX_VALUE);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"hashmap", "rocksdb"})
    void shouldVisitEveryKeyOfANamespaceAcrossKeyGroups(String backend) throws IOException {
        try (KeyedStateStore store = open(backend, KeyGroupRange.of(1, 2), newDirectory())) {
            KeyedState state = new KeyedState(store);
            ValueState<Long> counts = state.valueState("count");
            Map<RowKey, Long> expected = new HashMap<>();
            Set<Integer> groups = new HashSet<>();
            for (long k = 0; k < 1_000; k++) {
                RowKey key = key("user-" + k);
                int group = KeyGroups.keyGroupOf(key.hashCode());
                if (!store.keyGroupRange().contains(group)) {
                    continue;
                }
                groups.add(group);
                state.setCurrentKey(key);
                counts.update(-60_000, k);
                if (k % 3 == 0) {
                    counts.update(0, -k);
                }
                expected.put(key, k);
            }
            assertThat(groups).hasSizeGreaterThan(32);

            Map<RowKey, Long> visited = new HashMap<>();
            counts.forEachKey(-60_000, (key, count) -> {
                assertThat(state.currentKey()).isEqualTo(key);
                assertThat(visited.put(key, count)).isNull();
                counts.clear(0); // actions may change state
            });
            assertThat(visited).isEqualTo(expected);
            counts.forEachKey(0, (key, count) -> visited.clear());
            assertThat(visited).isNotEmpty();

            counts.clearNamespace(-60_000);
            counts.forEachKey(-60_000, (key, count) -> visited.clear());
            assertThat(visited).isNotEmpty();
            assertThat(counts.smallestNamespace()).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"hashmap", "rocksdb"})
    void shouldVisitAndRemoveEveryKeyOfADrainedNamespaceOnly(String backend) throws IOException {
        try (KeyedStateStore store = open(backend, KeyGroupRange.of(0, 2), newDirectory())) {
            KeyedState state = new KeyedState(store);
            ValueState<Long> counts = state.valueState("count");
            Map<RowKey, Long> expected = new HashMap<>();
            for (long k = 0; k < 500; k++) {
                RowKey key = key("user-" + k);
                if (!store.keyGroupRange().contains(KeyGroups.keyGroupOf(key.hashCode()))) {
                    continue;
                }
                state.setCurrentKey(key);
                counts.update(10, k);
                counts.update(20, -k);
                expected.put(key, k);
            }

            Map<RowKey, Long> drained = new HashMap<>();
            counts.drainNamespace(10, (key, count) -> {
                assertThat(state.currentKey()).isEqualTo(key);
                drained.put(key, count);
            });
            assertThat(drained).isEqualTo(expected);
            assertThat(counts.longNamespaces()).containsExactly(20L);
            RowKey any = expected.keySet().iterator().next();
            state.setCurrentKey(any);
            assertThat(counts.get(10)).isNull();
            assertThat(counts.get(20)).isEqualTo(-expected.get(any));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"hashmap", "rocksdb"})
    void shouldKeepAMapPerKeyAndNamespace(String backend) throws IOException {
        try (KeyedStateStore store = open(backend, KeyGroupRange.all(), newDirectory())) {
            KeyedState state = new KeyedState(store);
            MapState<Object, Long> distinct = state.mapState("distinct");
            state.setCurrentKey(key("k1"));
            assertThat(distinct.isEmpty(100)).isTrue();
            distinct.put(100, "x", 1L);
            distinct.put(100, 42, 2L);
            distinct.put(100, new BigDecimal("1.0"), 3L);
            distinct.put(100, new BigDecimal("1.00"), 4L); // the same DECIMAL value: the same map key
            distinct.put(100, null, 5L);
            distinct.put(200, "x", 9L);
            state.setCurrentKey(key("k2"));
            distinct.put(100, "x", 7L);

            state.setCurrentKey(key("k1"));
            assertThat(distinct.get(100, "x")).isEqualTo(1L);
            assertThat(distinct.get(100, new BigDecimal("1.000"))).isEqualTo(4L);
            assertThat(distinct.contains(100, null)).isTrue();
            assertThat(distinct.contains(100, "y")).isFalse();
            Map<Object, Long> entries = distinct.entries(100);
            assertThat(entries).hasSize(4).containsEntry("x", 1L).containsEntry(42, 2L)
                    .containsEntry(BigDecimal.ONE, 4L).containsEntry(null, 5L);

            distinct.remove(100, 42);
            assertThat(distinct.entries(100)).hasSize(3).doesNotContainKey(42);

            Map<RowKey, Map<Object, Long>> visited = new HashMap<>();
            distinct.forEachKey(100, visited::put);
            assertThat(visited).containsOnlyKeys(key("k1"), key("k2"));
            assertThat(visited.get(key("k1"))).hasSize(3);
            assertThat(visited.get(key("k2"))).containsExactly(Map.entry("x", 7L));

            distinct.clear(100);
            assertThat(distinct.isEmpty(100)).isTrue();
            assertThat(distinct.get(200, "x")).isEqualTo(9L);
            state.setCurrentKey(key("k2"));
            assertThat(distinct.isEmpty(100)).isFalse();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"hashmap", "rocksdb"})
    void shouldAppendToAListPerKeyAndNamespace(String backend) throws IOException {
        try (KeyedStateStore store = open(backend, KeyGroupRange.all(), newDirectory())) {
            KeyedState state = new KeyedState(store);
            ListState<Object[]> rows = state.listState("rows");
            state.setCurrentKey(key(1));
            assertThat(rows.get(5)).isEmpty();
            for (int i = 0; i < 300; i++) {
                rows.add(5, new Object[] {i, "row " + i});
            }
            rows.add(6, new Object[] {-1});
            state.setCurrentKey(key(2));
            rows.add(5, new Object[] {1000});

            state.setCurrentKey(key(1));
            List<Object[]> elements = rows.get(5);
            assertThat(elements).hasSize(300);
            for (int i = 0; i < 300; i++) {
                assertThat(elements.get(i)).containsExactly(i, "row " + i);
            }
            Map<RowKey, Integer> sizes = new HashMap<>();
            rows.forEachKey(5, (key, list) -> sizes.put(key, list.size()));
            assertThat(sizes).containsOnly(Map.entry(key(1), 300), Map.entry(key(2), 1));

            rows.clear(5);
            assertThat(rows.get(5)).isEmpty();
            rows.add(5, new Object[] {"again"});
            assertThat(rows.get(5)).hasSize(1);
            assertThat(rows.get(6)).hasSize(1);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"hashmap", "rocksdb"})
    void shouldKeepStatesOfDifferentNamesApart(String backend) throws IOException {
        try (KeyedStateStore store = open(backend, KeyGroupRange.all(), newDirectory())) {
            KeyedState state = new KeyedState(store);
            ValueState<String> a = state.valueState("a");
            ValueState<String> ab = state.valueState("ab");
            state.setCurrentKey(key("k"));
            a.update(1, "in a");
            ab.update(1, "in ab");
            a.clearNamespace(1);
            assertThat(a.get(1)).isNull();
            assertThat(ab.get(1)).isEqualTo("in ab");
            assertThat(state.<String>valueState("ab")).isSameAs(ab);
            assertThatThrownBy(() -> state.mapState("ab"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("state 'ab' is a ValueState, not a MapState");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"hashmap", "rocksdb"})
    void shouldRefuseAKeyOfAnotherSubtask(String backend) throws IOException {
        try (KeyedStateStore store = open(backend, KeyGroupRange.of(0, 2), newDirectory())) {
            KeyedState state = new KeyedState(store);
            RowKey foreign = null;
            for (int k = 0; foreign == null; k++) {
                if (KeyGroups.subtaskOf(KeyGroups.keyGroupOf(key(k).hashCode()), 2) == 1) {
                    foreign = key(k);
                }
            }
            RowKey key = foreign;
            assertThatThrownBy(() -> state.setCurrentKey(key))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("not in key groups [0, 63]");
            assertThatThrownBy(() -> state.valueState("v").get(1)).isInstanceOf(IllegalStateException.class);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"hashmap", "rocksdb"})
    void shouldRestoreTypedStateAtAnotherParallelism(String backend) throws IOException {
        List<StateSnapshot> snapshots = new ArrayList<>();
        Map<RowKey, Long> expected = new HashMap<>();
        for (int subtask = 0; subtask < 2; subtask++) {
            try (KeyedStateStore store = open(backend, KeyGroupRange.of(subtask, 2), newDirectory())) {
                KeyedState state = new KeyedState(store);
                ValueState<Long> sums = state.valueState("sum");
                for (long k = 0; k < 500; k++) {
                    RowKey key = key(k, "x");
                    if (store.keyGroupRange().contains(KeyGroups.keyGroupOf(key.hashCode()))) {
                        state.setCurrentKey(key);
                        sums.update(-10, k * 2);
                        expected.put(key, k * 2);
                    }
                }
                snapshots.add(store.snapshot(3, newDirectory()));
            }
        }
        Map<RowKey, Long> restored = new HashMap<>();
        for (int subtask = 0; subtask < 3; subtask++) {
            KeyGroupRange range = KeyGroupRange.of(subtask, 3);
            try (KeyedStateStore store = open(backend, range, newDirectory(),
                    snapshots.stream().filter(s -> s.keyGroupRange().intersects(range)).toList())) {
                ValueState<Long> sums = new KeyedState(store).valueState("sum");
                assertThat(sums.smallestNamespace()).hasValue(-10);
                sums.forEachKey(-10, (key, sum) -> assertThat(restored.put(key, sum)).isNull());
            }
        }
        assertThat(restored).isEqualTo(expected);
    }
}
