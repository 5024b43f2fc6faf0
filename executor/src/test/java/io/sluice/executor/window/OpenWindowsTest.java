package io.sluice.executor.window;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.executor.aggregate.Accumulator;
import io.sluice.executor.aggregate.AggregateKind;
import io.sluice.executor.aggregate.AggregateSpec;
import io.sluice.executor.data.RowKey;
import io.sluice.executor.state.KeyGroupRange;
import io.sluice.executor.state.KeyedState;
import io.sluice.executor.state.KeyedStateStore;
import io.sluice.executor.state.StateBackends;
import io.sluice.executor.state.ValueState;
import io.sluice.executor.types.LogicalType;
import io.sluice.executor.types.TypeRoot;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The cache in front of the store, without the harness's restore after every input. */
class OpenWindowsTest {
    private static final AggregateSpec COUNT = new AggregateSpec(AggregateKind.COUNT_STAR, -1, -1, false, null,
            LogicalType.of(TypeRoot.BIGINT).withNullable(false));

    @TempDir
    Path temp;

    @ParameterizedTest
    @ValueSource(strings = {"hashmap", "rocksdb"})
    void shouldFireWindowsWrittenAtASnapshotOrEvictedAndLeaveNothingInTheStore(String backend) {
        try (KeyedStateStore store = StateBackends.of(backend).create("op", KeyGroupRange.all(), temp, List.of())) {
            KeyedState state = new KeyedState(store);
            OpenWindows windows = new OpenWindows(state, List.of(COUNT), 8);
            add(windows, 10, "a", "b", "c");
            add(windows, 20, "a", "b", "c", "d");
            windows.flush(); // a snapshot: both windows stay cached, whole
            add(windows, 10, "d");
            add(windows, 20, "e"); // the cache is full: window 20, the latest, is written out and dropped
            assertThat(windows.cachedEntries()).isEqualTo(5);
            add(windows, 20, "a"); // read back from the store

            // window 10 deletes its stored keys by name, window 20 is drained from the store
            assertThat(fire(windows, 10)).isEqualTo(Map.of("a", 1L, "b", 1L, "c", 1L, "d", 1L));
            assertThat(fire(windows, 20)).isEqualTo(Map.of("a", 2L, "b", 1L, "c", 1L, "d", 1L, "e", 1L));
            assertThat(windows.ends()).isEmpty();
            ValueState<Object[]> stored = state.valueState("windows");
            assertThat(stored.longNamespaces()).as("fired windows are gone from the store").isEmpty();
        }
    }

    private static void add(OpenWindows windows, long end, String... keys) {
        for (String key : keys) {
            Accumulator[] accumulators = windows.accumulatorsToUpdate(end, RowKey.of(new Object[] {key}, new int[] {0}));
            COUNT.accumulate(accumulators[0], new Object[] {key});
        }
    }

    private static Map<String, Long> fire(OpenWindows windows, long end) {
        Map<String, Long> counts = new TreeMap<>();
        windows.fire(end, (keyValues, accumulators) -> counts.put((String) keyValues[0], (Long) accumulators[0].result()));
        return counts;
    }
}
