package io.sluice.connectors.filesystem;

import static io.sluice.connectors.filesystem.FileSystemSourceTest.BID;
import static io.sluice.connectors.filesystem.FileSystemSourceTest.filesystem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.connectors.ConnectorTestSupport.ReaderRun;
import io.sluice.executor.connector.TableSource;
import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import io.sluice.executor.types.LogicalType;
import io.sluice.executor.types.RowSchema;
import io.sluice.executor.types.TypeRoot;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FileSystemSourceCheckpointTest {
    private static final int FILES = 5;
    private static final int ROWS_PER_FILE = 1200;

    @TempDir
    Path dir;

    @BeforeEach
    void writeFiles() throws IOException {
        for (int f = 0; f < FILES; f++) {
            writeIds("f" + f + ".json", f * 10_000L, ROWS_PER_FILE);
        }
    }

    /** JSON lines {"id":first..., "price":...}, with a blank line every 7 rows so lines and rows differ. */
    private Path writeIds(String name, long first, int count) throws IOException {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            if (i % 7 == 3) {
                text.append('\n');
            }
            text.append("{\"id\":").append(first + i).append(",\"price\":").append(i % 97).append("}\n");
        }
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    private TableSource source() {
        return filesystem("bids", BID, dir, "json");
    }

    private static List<Long> allIds() {
        List<Long> ids = new ArrayList<>();
        for (int f = 0; f < FILES; f++) {
            LongStream.range(f * 10_000L, f * 10_000L + ROWS_PER_FILE).forEach(ids::add);
        }
        return ids;
    }

    private static List<Long> ids(List<List<Object>> rows) {
        return rows.stream().map(r -> (Long) r.get(0)).toList();
    }

    @Test
    void shouldBeReplayable() {
        assertThat(source().isReplayable()).isTrue();
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 3})
    void shouldReplayExactlyTheRowsAfterTheSnapshot(int parallelism) throws Exception {
        for (int s = 0; s < parallelism; s++) {
            List<byte[]> snapshots = new ArrayList<>();
            List<Integer> emittedAtSnapshot = new ArrayList<>();
            List<List<Object>> uninterrupted;
            try (ReaderRun run = ReaderRun.open(source(), s, parallelism, List.of())) {
                // snapshots before reading, mid-file, at a file boundary (3 polls of 512 lines end the first file) and later
                for (int polls : new int[] {0, 1, 2, 1, 3}) {
                    run.poll(polls);
                    snapshots.add(run.snapshot(snapshots.size() + 1));
                    emittedAtSnapshot.add(run.rows().size());
                }
                run.readToEnd();
                snapshots.add(run.snapshot(99));
                emittedAtSnapshot.add(run.rows().size());
                uninterrupted = run.rows();
            }

            for (int i = 0; i < snapshots.size(); i++) {
                try (ReaderRun restored = ReaderRun.open(source(), s, parallelism, List.of(snapshots.get(i)))) {
                    restored.readToEnd();
                    assertThat(restored.rows()).as("subtask %d restored from snapshot %d", s, i)
                            .isEqualTo(uninterrupted.subList(emittedAtSnapshot.get(i), uninterrupted.size()));
                    assertThat(restored.output().splits().values()).allSatisfy(split -> assertThat(split.finished()).isTrue());
                }
            }
        }
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"2, 3", "3, 1", "1, 2"})
    void shouldCoverEveryRowExactlyOnceAcrossARescale(int from, int to) throws Exception {
        List<byte[]> states = new ArrayList<>();
        List<List<Object>> emitted = new ArrayList<>();
        for (int s = 0; s < from; s++) {
            try (ReaderRun run = ReaderRun.open(source(), s, from, List.of()).poll(1 + 2 * s)) {
                states.add(run.snapshot(1));
                emitted.addAll(run.rows());
            }
        }
        for (int t = 0; t < to; t++) {
            try (ReaderRun run = ReaderRun.open(source(), t, to, states)) {
                emitted.addAll(run.readToEnd().rows());
            }
        }

        assertThat(ids(emitted)).containsExactlyInAnyOrderElementsOf(allIds());
    }

    @Test
    void shouldKeepLineNumbersInErrorsAfterARestore() throws Exception {
        Path file = dir.resolve("f0.json");
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        lines.set(999, "{\"id\":\"not a number\"}");
        Files.write(file, lines);
        byte[] state;
        try (ReaderRun run = ReaderRun.open(source(), 0, FILES, List.of()).poll(1)) {
            assertThat(run.rows()).isNotEmpty();
            state = run.snapshot(1);
        }

        assertThatThrownBy(() -> ReaderRun.open(source(), 0, FILES, List.of(state)).readToEnd())
                .isInstanceOfSatisfying(SluiceException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_RECORD))
                .hasMessageContaining(file + " line 1000: ");
    }

    @Test
    void shouldSeekToTheOffsetInsteadOfRereadingTheFile() throws Exception {
        Path file = dir.resolve("f0.json");
        byte[] state;
        List<List<Object>> first;
        try (ReaderRun run = ReaderRun.open(source(), 0, FILES, List.of()).poll(1)) {
            first = run.rows();
            state = run.snapshot(1);
        }
        // garble the part already read; a reader that seeks never sees it
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.write("garbage, not json".getBytes(StandardCharsets.UTF_8));
        }

        try (ReaderRun restored = ReaderRun.open(source(), 0, FILES, List.of(state))) {
            List<Object> firstAfter = restored.readToEnd().rows().get(0);
            assertThat(ids(first).size() + restored.rows().size()).isEqualTo(ROWS_PER_FILE);
            assertThat(firstAfter.get(0)).isEqualTo(ids(first).get(first.size() - 1) + 1);
        }
    }

    @Test
    void shouldReadAFileThatAppearedAfterTheCheckpointFromTheStartOnce() throws Exception {
        List<byte[]> states = new ArrayList<>();
        List<List<Object>> emitted = new ArrayList<>();
        for (int s = 0; s < 2; s++) {
            try (ReaderRun run = ReaderRun.open(source(), s, 2, List.of()).poll(2)) {
                states.add(run.snapshot(1));
                emitted.addAll(run.rows());
            }
        }
        writeIds("a-new.json", 90_000, 10); // sorts before every known file, must not shift their owners
        writeIds("z-new.json", 80_000, 10);

        for (int t = 0; t < 2; t++) {
            try (ReaderRun run = ReaderRun.open(source(), t, 2, List.of(states.get(t)))) {
                emitted.addAll(run.readToEnd().rows());
            }
        }

        List<Long> expected = new ArrayList<>(allIds());
        LongStream.range(90_000, 90_010).forEach(expected::add);
        LongStream.range(80_000, 80_010).forEach(expected::add);
        assertThat(ids(emitted)).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void shouldFailNamingAFileThatVanishedBeforeItWasRead() throws Exception {
        byte[] state;
        try (ReaderRun run = ReaderRun.open(source(), 0, 1, List.of()).poll(1)) {
            state = run.snapshot(1);
        }
        Path gone = dir.resolve("f3.json");
        Files.delete(gone);

        assertThatThrownBy(() -> ReaderRun.open(source(), 0, 1, List.of(state)))
                .isInstanceOfSatisfying(SluiceException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.EXTERNAL_ERROR))
                .hasMessage("Table 'bids': file '" + gone
                        + "' was being read when the checkpoint was taken but no longer exists");
    }

    @Test
    void shouldNotNeedAFileThatWasReadCompletelyBeforeTheCheckpoint() throws Exception {
        byte[] state;
        List<List<Object>> emitted = new ArrayList<>();
        try (ReaderRun run = ReaderRun.open(source(), 0, 1, List.of()).poll(6)) {
            state = run.snapshot(1);
            emitted.addAll(run.rows());
        }
        assertThat(ids(emitted)).contains(10_000L + ROWS_PER_FILE - 1); // f1 was read to its end
        Files.delete(dir.resolve("f0.json"));
        Files.delete(dir.resolve("f1.json"));

        try (ReaderRun run = ReaderRun.open(source(), 0, 1, List.of(state))) {
            emitted.addAll(run.readToEnd().rows());
        }
        assertThat(ids(emitted)).containsExactlyInAnyOrderElementsOf(allIds());
    }

    @Test
    void shouldResumeCsvRecordsWithQuotedLineBreaks() throws Exception {
        Path csvDir = Files.createDirectories(dir.resolve("csv"));
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            text.append(i).append(",\"").append(i).append("\n\nspans lines\"\n");
        }
        Files.writeString(csvDir.resolve("quoted.csv"), text);
        RowSchema schema = RowSchema.builder()
                .field("id", LogicalType.of(TypeRoot.BIGINT))
                .field("text", LogicalType.string())
                .build();
        TableSource csv = filesystem("quoted", schema, csvDir, "csv");
        List<List<Object>> rows = new ArrayList<>();
        byte[] state;
        try (ReaderRun run = ReaderRun.open(csv, 0, 1, List.of()).poll(1)) {
            state = run.snapshot(1);
            rows.addAll(run.rows());
        }
        try (ReaderRun run = ReaderRun.open(filesystem("quoted", schema, csvDir, "csv"), 0, 1, List.of(state))) {
            rows.addAll(run.readToEnd().rows());
        }

        assertThat(rows).hasSize(1000);
        for (int i = 0; i < 1000; i++) {
            assertThat(rows.get(i)).containsExactly((long) i, i + "\n\nspans lines");
        }
    }

    @Test
    void shouldFailOnAStateOfAnotherConnector() throws Exception {
        byte[] datagenLike = new byte[] {'D', 'G', 'E', 'N', 0, 0, 0, 1};
        assertThatThrownBy(() -> ReaderRun.open(source(), 0, 1, List.of(datagenLike)))
                .isInstanceOfSatisfying(SluiceException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL_ERROR))
                .hasMessage("Table 'bids': the filesystem source state of the checkpoint cannot be restored: "
                        + "it was written by another connector");
    }
}
