package io.sluice.connectors.filesystem;

import static io.sluice.connectors.ConnectorTestSupport.factory;
import static io.sluice.connectors.ConnectorTestSupport.options;
import static io.sluice.connectors.ConnectorTestSupport.readAll;
import static io.sluice.connectors.ConnectorTestSupport.rows;
import static io.sluice.connectors.ConnectorTestSupport.sink;
import static io.sluice.connectors.ConnectorTestSupport.sinkContext;
import static io.sluice.connectors.ConnectorTestSupport.table;
import static io.sluice.connectors.filesystem.FileSystemSourceTest.BID;
import static io.sluice.connectors.filesystem.FileSystemSourceTest.filesystem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.executor.connector.SinkWriter;
import io.sluice.executor.connector.TableSink;
import io.sluice.executor.data.RowKind;
import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The crash windows of DESIGN.md §5. A crash is a writer abandoned at that point (closed without
 * finish, or not even closed); recovery is a new writer restored from the last completed checkpoint,
 * fed again the rows after that checkpoint, as a replayable source would feed them.
 */
class FileSystemSinkCheckpointTest {
    private static final String SINK_ID = "job-1.out";

    @TempDir
    Path dir;

    private final List<SinkWriter> abandoned = new ArrayList<>();

    @AfterEach
    void releaseAbandonedWriters() throws Exception {
        for (SinkWriter writer : abandoned) {
            writer.close();
        }
    }

    private TableSink fileSink(String... more) {
        Map<String, String> options = options(more);
        options.put("path", dir.toString());
        options.put("format", "json");
        return sink("filesystem", "out", BID, options);
    }

    /** A sink that rolls every few rows, so one checkpoint covers several part files. */
    private TableSink rollingSink() {
        return fileSink("sink.rolling-policy.file-size", "100b");
    }

    private static SinkWriter open(TableSink sink, int subtask, int parallelism, List<byte[]> restored)
            throws Exception {
        SinkWriter writer = sink.createWriter(subtask, parallelism);
        writer.open(sinkContext(subtask, parallelism, SINK_ID, restored));
        return writer;
    }

    private static void write(SinkWriter writer, long from, long to) throws Exception {
        for (long id = from; id < to; id++) {
            writer.write(RowKind.INSERT, new Object[] {id, id * 10});
        }
    }

    private List<Long> visibleIds() throws Exception {
        return rows(readAll(filesystem("check", BID, dir, "json"), 1)).stream().map(r -> (Long) r.get(0)).toList();
    }

    private List<String> names() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private List<String> hiddenNames() throws IOException {
        return names().stream().filter(n -> n.startsWith(".")).toList();
    }

    private static List<Long> range(long from, long to) {
        return LongStream.range(from, to).boxed().toList();
    }

    private void abandon(SinkWriter writer, boolean close) throws Exception {
        if (close) {
            writer.close();
        } else {
            abandoned.add(writer);
        }
    }

    enum CrashWindow {
        BEFORE_BARRIER,
        AFTER_PRE_COMMIT,
        AFTER_COMPLETE_BEFORE_COMMIT,
        DURING_COMMIT,
        AFTER_COMMIT
    }

    /**
     * Checkpoint 1 covers rows 0-9 and is committed; rows 10-19 belong to checkpoint 2; rows 20-24
     * follow its barrier. The writer crashes in the given window of checkpoint 2.
     */
    @ParameterizedTest
    @EnumSource(CrashWindow.class)
    void shouldHoldEveryRowExactlyOnceAfterACrash(CrashWindow window) throws Exception {
        for (boolean close : new boolean[] {true, false}) {
            cleanDirectory();
            TableSink sink = rollingSink();
            SinkWriter first = open(sink, 0, 1, List.of());
            write(first, 0, 10);
            byte[] restoreFrom = first.snapshotState(1);
            long replayFrom = 10;
            first.notifyCheckpointComplete(1);
            assertThat(visibleIds()).containsExactlyInAnyOrderElementsOf(range(0, 10));
            write(first, 10, 20);

            if (window != CrashWindow.BEFORE_BARRIER) {
                byte[] state2 = first.snapshotState(2);
                assertThat(visibleIds()).as("pre-committed rows are not visible").containsExactlyInAnyOrderElementsOf(range(0, 10));
                if (window != CrashWindow.AFTER_PRE_COMMIT) {
                    restoreFrom = state2; // checkpoint 2 completed
                    replayFrom = 20;
                }
                if (window == CrashWindow.DURING_COMMIT) {
                    List<String> pending = hiddenNames();
                    assertThat(pending).hasSizeGreaterThan(1);
                    String one = pending.get(0);
                    Files.move(dir.resolve(one), dir.resolve(one.substring(1).replace(".inprogress", ".json")));
                }
                if (window == CrashWindow.AFTER_COMMIT) {
                    first.notifyCheckpointComplete(2);
                    assertThat(visibleIds()).containsExactlyInAnyOrderElementsOf(range(0, 20));
                }
                write(first, 20, 25);
            }
            abandon(first, close);
            assertThat(hiddenNames()).as("the crash leaves in-progress files").isNotEmpty();

            SinkWriter recovered = open(sink, 0, 1, List.of(restoreFrom));
            if (replayFrom == 20) {
                assertThat(visibleIds()).as("recovery commits checkpoint 2").containsExactlyInAnyOrderElementsOf(range(0, 20));
            } else {
                assertThat(visibleIds()).as("recovery publishes nothing of checkpoint 2").containsExactlyInAnyOrderElementsOf(range(0, 10));
            }
            assertThat(hiddenNames()).as("orphans are deleted on recovery").isEmpty();
            write(recovered, replayFrom, 30);
            recovered.finish();
            recovered.close();

            assertThat(visibleIds()).as("%s, closed: %s", window, close).containsExactlyInAnyOrderElementsOf(range(0, 30));
            assertThat(hiddenNames()).isEmpty();
        }
    }

    private void cleanDirectory() throws IOException {
        for (String name : names()) {
            Files.delete(dir.resolve(name));
        }
    }

    @Test
    void shouldPublishNothingAndSkipOrphanNamesWhenCrashingBeforeTheFirstCheckpoint() throws Exception {
        TableSink sink = rollingSink();
        SinkWriter first = open(sink, 0, 1, List.of());
        write(first, 0, 20);
        first.close();
        List<String> orphans = hiddenNames();
        assertThat(orphans).isNotEmpty();

        SinkWriter fresh = open(sink, 0, 1, List.of());
        write(fresh, 0, 30);
        fresh.finish();
        fresh.close();

        assertThat(visibleIds()).containsExactlyInAnyOrderElementsOf(range(0, 30));
        // without a checkpoint, the writer cannot know whose hidden files these are: it leaves them
        assertThat(hiddenNames()).isEqualTo(orphans);
    }

    @Test
    void shouldRecoverAgainFromTheSameCheckpointAfterACrashDuringRecovery() throws Exception {
        TableSink sink = rollingSink();
        SinkWriter first = open(sink, 0, 1, List.of());
        write(first, 0, 20);
        byte[] state = first.snapshotState(1);
        write(first, 20, 25);
        first.close();

        SinkWriter second = open(sink, 0, 1, List.of(state));
        write(second, 20, 27);
        second.close();
        SinkWriter third = open(sink, 0, 1, List.of(state));
        write(third, 20, 30);
        third.finish();
        third.close();

        assertThat(visibleIds()).containsExactlyInAnyOrderElementsOf(range(0, 30));
        assertThat(hiddenNames()).isEmpty();
    }

    @Test
    void shouldFailNamingThePartFileWhenAPreCommittedPartIsLost() throws Exception {
        TableSink sink = fileSink();
        SinkWriter first = open(sink, 0, 1, List.of());
        write(first, 0, 5);
        byte[] state = first.snapshotState(7);
        first.close();
        Files.delete(dir.resolve(".part-job-1.out-0-0.inprogress"));

        assertThatThrownBy(() -> open(sink, 0, 1, List.of(state)))
                .isInstanceOfSatisfying(SluiceException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.EXTERNAL_ERROR))
                .hasMessage("Table 'out': cannot commit part file '" + dir.resolve("part-job-1.out-0-0.json")
                        + "' of checkpoint 7: neither it nor its in-progress file '"
                        + dir.resolve(".part-job-1.out-0-0.inprogress") + "' exists, so its rows are lost");
    }

    @Test
    void shouldKeepRolledPartsHiddenUntilTheirCheckpointCompletes() throws Exception {
        TableSink sink = rollingSink();
        SinkWriter writer = open(sink, 0, 1, List.of());
        write(writer, 0, 40);
        assertThat(hiddenNames()).hasSizeGreaterThan(3);
        assertThat(visibleIds()).isEmpty();

        writer.snapshotState(1);
        write(writer, 40, 50);
        writer.snapshotState(2);
        write(writer, 50, 55);
        assertThat(visibleIds()).isEmpty();

        writer.notifyCheckpointComplete(1);
        assertThat(visibleIds()).containsExactlyInAnyOrderElementsOf(range(0, 40));
        writer.notifyCheckpointComplete(3); // 2's notification was lost; 3 covers it
        assertThat(visibleIds()).containsExactlyInAnyOrderElementsOf(range(0, 50));

        writer.finish();
        writer.close();
        assertThat(visibleIds()).containsExactlyInAnyOrderElementsOf(range(0, 55));
        assertThat(names()).allSatisfy(n -> assertThat(n).matches("part-job-1\\.out-0-\\d+\\.json"));
    }

    @Test
    void shouldRollAPartPerCheckpointAndWriteNoFileForAnEmptyInterval() throws Exception {
        SinkWriter writer = open(fileSink(), 0, 1, List.of());
        write(writer, 0, 3);
        writer.snapshotState(1);
        writer.snapshotState(2);
        write(writer, 3, 6);
        writer.snapshotState(3);
        writer.notifyCheckpointComplete(3);
        writer.finish();
        writer.close();

        assertThat(names()).containsExactly("part-job-1.out-0-0.json", "part-job-1.out-0-1.json");
    }

    @Test
    void shouldCommitBothOldSubtasksPendingPartsWhenRescalingFromTwoToOne() throws Exception {
        TableSink sink = rollingSink();
        List<byte[]> states = new ArrayList<>();
        for (int s = 0; s < 2; s++) {
            SinkWriter old = open(sink, s, 2, List.of());
            write(old, s * 1000, s * 1000 + 20);
            states.add(old.snapshotState(1)); // checkpoint 1 completes, the notification is lost
            write(old, s * 1000 + 20, s * 1000 + 25); // orphans
            old.close();
        }
        assertThat(visibleIds()).isEmpty();

        SinkWriter merged = open(sink, 0, 1, states);
        assertThat(visibleIds()).containsExactlyInAnyOrderElementsOf(concat(range(0, 20), range(1000, 1020)));
        assertThat(hiddenNames()).isEmpty();
        write(merged, 20, 30);
        write(merged, 1020, 1030);
        merged.finish();
        merged.close();

        assertThat(visibleIds()).containsExactlyInAnyOrderElementsOf(concat(range(0, 30), range(1000, 1030)));
        assertThat(names()).anyMatch(n -> n.startsWith("part-job-1.out-1-"));
        assertThat(hiddenNames()).isEmpty();
    }

    @Test
    void shouldNotReuseNamesWhenRescalingFromOneToTwo() throws Exception {
        TableSink sink = rollingSink();
        // an earlier run at parallelism 2 published parts of subtask 1
        SinkWriter earlier = open(sink, 1, 2, List.of());
        write(earlier, 500, 520);
        earlier.finish();
        earlier.close();

        SinkWriter old = open(sink, 0, 1, List.of());
        write(old, 0, 20);
        byte[] state = old.snapshotState(1);
        write(old, 20, 25);
        old.close();

        SinkWriter zero = open(sink, 0, 2, List.of(state));
        SinkWriter one = open(sink, 1, 2, List.of());
        write(zero, 20, 25);
        write(one, 25, 30);
        zero.finish();
        one.finish();
        zero.close();
        one.close();

        assertThat(visibleIds()).containsExactlyInAnyOrderElementsOf(concat(range(0, 30), range(500, 520)));
        assertThat(hiddenNames()).isEmpty();
    }

    @Test
    void shouldNotOverwriteThePartsOfAnEarlierRunWithTheSameSinkId() throws Exception {
        TableSink sink = fileSink();
        for (int run = 0; run < 2; run++) {
            SinkWriter writer = open(sink, 0, 1, List.of());
            write(writer, run * 100, run * 100 + 5);
            writer.finish();
            writer.close();
        }

        assertThat(visibleIds()).containsExactlyInAnyOrderElementsOf(concat(range(0, 5), range(100, 105)));
        assertThat(names()).containsExactly("part-job-1.out-0-0.json", "part-job-1.out-0-1.json");
    }

    @Test
    void shouldMakeFileNamesSafeFromAnySinkId() throws Exception {
        SinkWriter writer = sink("filesystem", "out", BID, Map.of("path", dir.toString(), "format", "csv"))
                .createWriter(2, 3);
        writer.open(sinkContext(2, 3, "my job/out table", List.of()));
        write(writer, 0, 1);
        writer.finish();
        writer.close();

        assertThat(names()).containsExactly("part-my_job_out_table-2-0.csv");
    }

    @Test
    void shouldSayWhichSinksAreExactlyOnce() {
        assertThat(fileSink().isExactlyOnce()).isTrue();
        assertThat(factory("blackhole").createSink(table("b", BID, Map.of())).isExactlyOnce()).isTrue();
        assertThat(factory("print").createSink(table("p", BID, Map.of())).isExactlyOnce()).isFalse();
    }

    private static List<Long> concat(List<Long> a, List<Long> b) {
        List<Long> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
