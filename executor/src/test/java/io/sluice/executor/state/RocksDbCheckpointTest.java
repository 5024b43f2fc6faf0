package io.sluice.executor.state;

import static io.sluice.executor.state.StoreContents.open;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RocksDbCheckpointTest {
    @TempDir
    Path temp;

    @Test
    void shouldShareUnchangedFilesBetweenCheckpoints() throws IOException {
        Path first = Files.createDirectories(temp.resolve("chk-1"));
        Path second = Files.createDirectories(temp.resolve("chk-2"));
        try (KeyedStateStore store = open("rocksdb", KeyGroupRange.all(), temp.resolve("work"))) {
            KeyedStateStoreTest.fill(store, new Random(1), 20_000);
            store.snapshot(1, first);
            store.put(0, new byte[] {1}, new byte[] {1});
            store.snapshot(2, second);
        }
        List<Path> firstFiles = sstFiles(first.resolve("db"));
        assertThat(firstFiles).isNotEmpty();
        for (Path file : firstFiles) {
            Path inSecond = second.resolve("db").resolve(file.getFileName());
            assertThat(inSecond).exists();
            assertThat(Files.isSameFile(file, inSecond)).as("%s is a link to the same file", file.getFileName()).isTrue();
            assertThat((Integer) Files.getAttribute(file, "unix:nlink")).isGreaterThanOrEqualTo(2);
        }
        assertThat(sstFiles(second.resolve("db"))).hasSizeGreaterThan(firstFiles.size());
    }

    @Test
    void shouldCountFilesSharedWithThePreviousSnapshotInTheTotalButNotAsWritten() throws IOException {
        StateSnapshot first;
        StateSnapshot second;
        StateSnapshot afterRestore;
        try (KeyedStateStore store = open("rocksdb", KeyGroupRange.all(), temp.resolve("work"))) {
            KeyedStateStoreTest.fill(store, new Random(1), 20_000);
            first = store.snapshot(1, Files.createDirectories(temp.resolve("chk-1")));
            store.put(0, new byte[] {1}, new byte[] {1});
            second = store.snapshot(2, Files.createDirectories(temp.resolve("chk-2")));
        }
        long sstBytes = sizeOf(sstFiles(first.directory().resolve("db")));
        assertThat(first.writtenBytes()).isEqualTo(first.totalBytes()).isGreaterThan(sstBytes);
        assertThat(second.totalBytes()).isGreaterThan(sstBytes);
        assertThat(second.writtenBytes()).as("the first snapshot's files are links").isPositive()
                .isLessThanOrEqualTo(second.totalBytes() - sstBytes);
        try (KeyedStateStore store = open("rocksdb", KeyGroupRange.all(), temp.resolve("work-2"), List.of(second))) {
            afterRestore = store.snapshot(3, Files.createDirectories(temp.resolve("chk-3")));
        }
        assertThat(afterRestore.writtenBytes()).as("files linked from the restored snapshot")
                .isLessThan(afterRestore.totalBytes() - sstBytes);
    }

    private static long sizeOf(List<Path> files) throws IOException {
        long bytes = 0;
        for (Path file : files) {
            bytes += Files.size(file);
        }
        return bytes;
    }

    @Test
    void shouldNeverWriteIntoACheckpointItRestoresFrom() throws IOException {
        Path checkpoint = Files.createDirectories(temp.resolve("chk-1"));
        Map<String, String> expected;
        StateSnapshot snapshot;
        try (KeyedStateStore store = open("rocksdb", KeyGroupRange.all(), temp.resolve("work-1"))) {
            KeyedStateStoreTest.fill(store, new Random(2), 5_000);
            expected = StoreContents.of(store);
            snapshot = store.snapshot(1, checkpoint);
        }
        Map<String, String> before = listing(checkpoint);

        // the same range links the checkpoint's files; another range reads it read-only
        for (KeyGroupRange range : List.of(KeyGroupRange.all(), KeyGroupRange.of(1, 3), KeyGroupRange.of(0, 2))) {
            for (int round = 0; round < 2; round++) {
                try (KeyedStateStore store = open("rocksdb", range, temp.resolve("work-2"), List.of(snapshot))) {
                    assertThat(StoreContents.of(store)).isEqualTo(onlyIn(range, expected));
                    KeyedStateStoreTest.fill(store, new Random(3), 5_000);
                    store.deletePrefix(range.start(), new byte[0]);
                    store.snapshot(2, Files.createDirectories(temp.resolve("chk-2-" + range.start() + "-" + round)));
                }
            }
        }
        assertThat(listing(checkpoint)).isEqualTo(before);
    }

    private static Map<String, String> onlyIn(KeyGroupRange range, Map<String, String> contents) {
        Map<String, String> result = new TreeMap<>();
        contents.forEach((entry, value) -> {
            if (range.contains(StoreContents.keyGroupOf(entry))) {
                result.put(entry, value);
            }
        });
        return result;
    }

    private static List<Path> sstFiles(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".sst")).sorted().toList();
        }
    }

    /** Every file's name, size and modification time. */
    private static Map<String, String> listing(Path directory) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path file : (Iterable<Path>) paths::iterator) {
                files.put(directory.relativize(file).toString(), Files.isDirectory(file) ? "directory"
                        : Files.size(file) + " bytes, modified " + Files.getLastModifiedTime(file));
            }
        }
        return files;
    }
}
