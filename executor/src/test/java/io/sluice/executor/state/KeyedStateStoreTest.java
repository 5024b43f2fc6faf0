package io.sluice.executor.state;

import static io.sluice.executor.state.StoreContents.bytes;
import static io.sluice.executor.state.StoreContents.open;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KeyedStateStoreTest {
    @TempDir
    Path temp;

    private int directories;

    private Path newDirectory() throws IOException {
        return Files.createDirectories(temp.resolve("d" + directories++));
    }

    @ParameterizedTest
    @ValueSource(strings = {"hashmap", "rocksdb"})
    void shouldGetPutAndDeleteWithinAKeyGroup(String backend) throws IOException {
        try (KeyedStateStore store = open(backend, KeyGroupRange.all(), newDirectory())) {
            store.put(3, bytes(1, 2), bytes(10));
            store.put(4, bytes(1, 2), bytes(20));
            assertThat(store.get(3, bytes(1, 2))).containsExactly(10);
            assertThat(store.get(4, bytes(1, 2))).containsExactly(20);
            assertThat(store.get(5, bytes(1, 2))).isNull();

            store.put(3, bytes(1, 2), bytes(11));
            assertThat(store.get(3, bytes(1, 2))).containsExactly(11);

            store.delete(3, bytes(1, 2));
            assertThat(store.get(3, bytes(1, 2))).isNull();
            assertThat(store.get(4, bytes(1, 2))).containsExactly(20);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"hashmap", "rocksdb"})
    void shouldScanAPrefixInUnsignedKeyOrder(String backend) throws IOException {
        try (KeyedStateStore store = open(backend, KeyGroupRange.all(), newDirectory())) {
            for (byte[] key : List.of(bytes(0x01, 0x80), bytes(0x02), bytes(0x01, 0x7F), bytes(0x01),
                    bytes(0x00, 0xFF), bytes(0x01, 0xFF, 0xFF), bytes(0x01, 0x02), bytes(0xFF), bytes(0xFF, 0xFF))) {
                store.put(7, key, bytes(key.length));
            }
            store.put(8, bytes(0x01, 0x03), bytes(0));

            assertThat(scan(store, 7, bytes(0x01)))
                    .containsExactly("01", "0102", "017f", "0180", "01ffff");
            assertThat(scan(store, 7, bytes()))
                    .containsExactly("00ff", "01", "0102", "017f", "0180", "01ffff", "02", "ff", "ffff");
            assertThat(scan(store, 7, bytes(0xFF))).containsExactly("ff", "ffff");
            assertThat(scan(store, 7, bytes(0x03))).isEmpty();
            assertThat(scan(store, 8, bytes(0x01))).containsExactly("0103");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"hashmap", "rocksdb"})
    void shouldStopScanningWhenTheVisitorReturnsFalse(String backend) throws IOException {
        try (KeyedStateStore store = open(backend, KeyGroupRange.all(), newDirectory())) {
            for (int i = 0; i < 10; i++) {
                store.put(0, bytes(5, i), bytes(i));
            }
            List<Integer> seen = new ArrayList<>();
            store.scan(0, bytes(5), (key, value) -> {
                seen.add((int) value[0]);
                return seen.size() < 3;
            });
            assertThat(seen).containsExactly(0, 1, 2);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"hashmap", "rocksdb"})
    void shouldDeleteAPrefixOnlyInItsKeyGroup(String backend) throws IOException {
        try (KeyedStateStore store = open(backend, KeyGroupRange.all(), newDirectory())) {
            for (int i = 0; i < 1_500; i++) { // enough for RocksDB to delete by range rather than by key
                store.put(9, bytes(1, i >> 8, i), bytes(1));
                store.put(10, bytes(1, i >> 8, i), bytes(1));
            }
            store.put(9, bytes(2), bytes(2));
            store.put(9, bytes(0xFF), bytes(2));
            store.put(9, bytes(1), bytes(1));
            store.put(11, bytes(1, 0), bytes(1));

            store.deletePrefix(9, bytes(1));
            store.deletePrefix(11, bytes(1));

            assertThat(scan(store, 9, bytes())).containsExactly("02", "ff");
            assertThat(scan(store, 10, bytes(1))).hasSize(1_500);
            assertThat(scan(store, 11, bytes())).isEmpty();

            store.deletePrefix(9, bytes());
            assertThat(scan(store, 9, bytes())).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"hashmap", "rocksdb"})
    void shouldRejectKeyGroupsOutsideItsRange(String backend) throws IOException {
        try (KeyedStateStore store = open(backend, new KeyGroupRange(10, 20), newDirectory())) {
            assertThatThrownBy(() -> store.put(21, bytes(1), bytes(1)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("key group 21 is not in key groups [10, 20]");
            assertThatThrownBy(() -> store.get(9, bytes(1))).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"hashmap", "rocksdb"})
    void shouldRestoreASnapshotWithIdenticalContents(String backend) throws IOException {
        Map<String, String> expected;
        StateSnapshot snapshot;
        try (KeyedStateStore store = open(backend, KeyGroupRange.all(), newDirectory())) {
            fill(store, new Random(1), 3_000);
            store.delete(5, bytes(0)); // an absent key: deleting it changes nothing
            expected = StoreContents.of(store);
            snapshot = store.snapshot(1, newDirectory());
        }
        assertThat(snapshot.backend()).isEqualTo(backend);
        assertThat(snapshot.checkpointId()).isEqualTo(1);
        assertThat(snapshot.keyGroupRange()).isEqualTo(KeyGroupRange.all());
        assertThat(snapshot.totalBytes()).as("bytes of its files").isPositive();
        assertThat(snapshot.writtenBytes()).as("a first snapshot writes all of it").isEqualTo(snapshot.totalBytes());
        try (KeyedStateStore restored = open(backend, KeyGroupRange.all(), newDirectory(), List.of(snapshot))) {
            assertThat(StoreContents.of(restored)).isEqualTo(expected).hasSize(3_000);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"hashmap", "rocksdb"})
    void shouldKeepChangesAfterASnapshotOutOfIt(String backend) throws IOException {
        Map<String, String> atSnapshot;
        StateSnapshot snapshot;
        try (KeyedStateStore store = open(backend, KeyGroupRange.all(), newDirectory())) {
            fill(store, new Random(2), 500);
            store.put(0, bytes(1), bytes(1));
            atSnapshot = StoreContents.of(store);
            snapshot = store.snapshot(7, newDirectory());

            store.put(0, bytes(1), bytes(2));
            store.put(0, bytes(2), bytes(2));
            store.deletePrefix(3, bytes());
            assertThat(StoreContents.of(store)).isNotEqualTo(atSnapshot);
        }
        try (KeyedStateStore restored = open(backend, KeyGroupRange.all(), newDirectory(), List.of(snapshot))) {
            assertThat(StoreContents.of(restored)).isEqualTo(atSnapshot);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"hashmap", "rocksdb"})
    void shouldKeepEarlierSnapshotsRestorable(String backend) throws IOException {
        Map<Long, Map<String, String>> contents = new HashMap<>();
        Map<Long, StateSnapshot> snapshots = new HashMap<>();
        Random random = new Random(3);
        try (KeyedStateStore store = open(backend, KeyGroupRange.all(), newDirectory())) {
            for (long id = 1; id <= 3; id++) {
                fill(store, random, 400);
                store.deletePrefix((int) id, bytes());
                contents.put(id, StoreContents.of(store));
                snapshots.put(id, store.snapshot(id, newDirectory()));
            }
        }
        for (long id = 1; id <= 3; id++) {
            try (KeyedStateStore restored = open(backend, KeyGroupRange.all(), newDirectory(), List.of(snapshots.get(id)))) {
                assertThat(StoreContents.of(restored)).as("checkpoint %s", id).isEqualTo(contents.get(id));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"hashmap", "rocksdb"})
    void shouldRestoreEachKeyIntoExactlyOneSubtaskAtAnotherParallelism(String backend) throws IOException {
        Random random = new Random(4);
        List<StateSnapshot> old = new ArrayList<>();
        Map<String, String> all = new TreeMap<>();
        for (int subtask = 0; subtask < 2; subtask++) {
            try (KeyedStateStore store = open(backend, KeyGroupRange.of(subtask, 2), newDirectory())) {
                fill(store, random, 2_000);
                all.putAll(StoreContents.of(store));
                old.add(store.snapshot(5, newDirectory()));
            }
        }
        for (int parallelism : new int[] {1, 2, 3, 4}) {
            Map<String, String> union = new TreeMap<>();
            for (int subtask = 0; subtask < parallelism; subtask++) {
                KeyGroupRange range = KeyGroupRange.of(subtask, parallelism);
                List<StateSnapshot> restoreFrom = old.stream().filter(s -> s.keyGroupRange().intersects(range)).toList();
                try (KeyedStateStore store = open(backend, range, newDirectory(), restoreFrom)) {
                    Map<String, String> contents = StoreContents.of(store);
                    assertThat(contents.keySet()).allSatisfy(entry -> assertThat(range.contains(StoreContents.keyGroupOf(entry))).isTrue());
                    assertThat(contents.keySet()).as("keys already restored by another subtask")
                            .noneMatch(union::containsKey);
                    union.putAll(contents);
                }
            }
            assertThat(union).as("parallelism %s", parallelism).isEqualTo(all);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"hashmap", "rocksdb"})
    void shouldRestoreFromAMovedCheckpointDirectory(String backend) throws IOException {
        Path checkpoint = temp.resolve("state").resolve("chk-1");
        Map<String, String> expected;
        byte[] description;
        try (KeyedStateStore store = open(backend, KeyGroupRange.all(), newDirectory())) {
            fill(store, new Random(5), 300);
            expected = StoreContents.of(store);
            StateSnapshot snapshot = store.snapshot(1, Files.createDirectories(checkpoint.resolve("v1-s0-op0")));
            description = snapshot.toBytes(checkpoint);
        }
        Path moved = Files.move(temp.resolve("state"), temp.resolve("moved"));
        StateSnapshot snapshot = StateSnapshot.fromBytes(description, moved.resolve("chk-1"));
        assertThat(snapshot.directory()).isEqualTo(moved.resolve("chk-1").resolve("v1-s0-op0"));
        try (KeyedStateStore restored = open(backend, KeyGroupRange.all(), newDirectory(), List.of(snapshot))) {
            assertThat(StoreContents.of(restored)).isEqualTo(expected);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"hashmap", "rocksdb"})
    void shouldRestoreASnapshotOfTheOtherBackend(String backend) throws IOException {
        String other = backend.equals("hashmap") ? "rocksdb" : "hashmap";
        List<StateSnapshot> old = new ArrayList<>();
        Map<String, String> all = new TreeMap<>();
        for (int subtask = 0; subtask < 2; subtask++) {
            try (KeyedStateStore store = open(other, KeyGroupRange.of(subtask, 2), newDirectory())) {
                fill(store, new Random(6 + subtask), 500);
                all.putAll(StoreContents.of(store));
                old.add(store.snapshot(1, newDirectory()));
            }
        }
        try (KeyedStateStore restored = open(backend, KeyGroupRange.all(), newDirectory(), old)) {
            assertThat(StoreContents.of(restored)).isEqualTo(all);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"hashmap", "rocksdb"})
    void shouldRefuseUseAfterClose(String backend) throws IOException {
        KeyedStateStore store = open(backend, KeyGroupRange.all(), newDirectory());
        store.close();
        store.close();
        assertThatThrownBy(() -> store.get(0, bytes(1))).isInstanceOf(IllegalStateException.class);
    }

    /** Puts {@code count} distinct random entries into random key groups of the store's range. */
    static void fill(KeyedStateStore store, Random random, int count) {
        KeyGroupRange range = store.keyGroupRange();
        int added = 0;
        while (added < count) {
            int group = range.start() + random.nextInt(range.size());
            byte[] key = new byte[1 + random.nextInt(12)];
            random.nextBytes(key);
            byte[] value = ("v" + random.nextLong()).getBytes(StandardCharsets.UTF_8);
            if (store.get(group, key) == null) {
                added++;
            }
            store.put(group, key, value);
        }
    }

    private static List<String> scan(KeyedStateStore store, int group, byte[] prefix) {
        List<String> keys = new ArrayList<>();
        store.scan(group, prefix, (key, value) -> keys.add(HexFormat.of().formatHex(key)));
        return keys;
    }
}
