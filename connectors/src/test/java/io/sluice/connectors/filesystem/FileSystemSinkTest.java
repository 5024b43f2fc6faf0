package io.sluice.connectors.filesystem;

import static io.sluice.connectors.ConnectorTestSupport.options;
import static io.sluice.connectors.ConnectorTestSupport.readAll;
import static io.sluice.connectors.ConnectorTestSupport.rows;
import static io.sluice.connectors.ConnectorTestSupport.sink;
import static io.sluice.connectors.ConnectorTestSupport.writeAll;
import static io.sluice.connectors.filesystem.FileSystemSourceTest.ALL_TYPES;
import static io.sluice.connectors.filesystem.FileSystemSourceTest.BID;
import static io.sluice.connectors.filesystem.FileSystemSourceTest.DATE;
import static io.sluice.connectors.filesystem.FileSystemSourceTest.TIME;
import static io.sluice.connectors.filesystem.FileSystemSourceTest.TS;
import static io.sluice.connectors.filesystem.FileSystemSourceTest.filesystem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.executor.connector.SinkContext;
import io.sluice.executor.connector.SinkWriter;
import io.sluice.executor.connector.TableSink;
import io.sluice.executor.data.RowKind;
import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FileSystemSinkTest {
    @TempDir
    Path dir;

    private TableSink filesystemSink(Path path, String format, String... more) {
        Map<String, String> options = options(more);
        options.put("path", path.toString());
        options.put("format", format);
        return sink("filesystem", "out", ALL_TYPES, options);
    }

    private static List<Object[]> allTypeRows(int count, int offset) {
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int n = offset + i;
            rows.add(new Object[] {n % 2 == 0, (byte) n, (short) -n, n * 1000, (long) n << 33, n + 0.5f, n / 3.0,
                    new BigDecimal(n).movePointLeft(2), "row, \"" + n + "\"", DATE + n, TIME, TS + n, TS - n});
        }
        rows.add(new Object[ALL_TYPES.size()]);
        return rows;
    }

    private List<String> listNames(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @ParameterizedTest
    @CsvSource({"json, 1", "json, 3", "csv, 1", "csv, 3"})
    void shouldWriteRowsThatTheSourceReadsBack(String format, int parallelism) throws Exception {
        Path out = dir.resolve("out");
        String[] extra = format.equals("csv") ? new String[] {"csv.null-literal", "\\N"} : new String[0];
        TableSink sink = filesystemSink(out, format, extra);
        List<List<Object>> expected = new ArrayList<>();
        for (int s = 0; s < parallelism; s++) {
            List<Object[]> rows = allTypeRows(20, s * 100);
            rows.forEach(r -> expected.add(Arrays.asList(r)));
            writeAll(sink, s, parallelism, rows, true);
        }

        assertThat(listNames(out)).hasSize(parallelism)
                .allSatisfy(name -> assertThat(name).matches("part-sink-[0-2]-0\\." + format));
        List<List<Object>> back = rows(readAll(filesystem("in", ALL_TYPES, out, format, extra), 2));
        assertThat(back).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void shouldLeaveOnlyHiddenInProgressFileWhenClosedWithoutFinish() throws Exception {
        Path out = dir.resolve("out");
        TableSink sink = filesystemSink(out, "json");

        writeAll(sink, 0, 1, allTypeRows(5, 0), false);

        assertThat(listNames(out)).singleElement().asString().isEqualTo(".part-sink-0-0.inprogress");
        assertThat(rows(readAll(filesystem("in", ALL_TYPES, out, "json"), 1))).isEmpty();
    }

    @Test
    void shouldRollToNewPartsAndPublishThemOnlyOnFinish() throws Exception {
        Path out = dir.resolve("out");
        TableSink sink = filesystemSink(out, "json", "sink.rolling-policy.file-size", "1kb");
        List<Object[]> rows = allTypeRows(40, 0);
        try (SinkWriter writer = sink.createWriter(1, 2)) {
            writer.open(context(1, 2));
            for (Object[] row : rows) {
                writer.write(RowKind.INSERT, row);
            }
            List<String> beforeFinish = listNames(out);
            assertThat(beforeFinish.size()).isGreaterThan(3);
            assertThat(beforeFinish).allSatisfy(name -> assertThat(name).startsWith(".part-").endsWith(".inprogress"));

            writer.finish();
        }

        List<String> names = listNames(out);
        assertThat(names.size()).isGreaterThan(3);
        for (int n = 0; n < names.size(); n++) {
            assertThat(names).contains("part-sink-1-" + n + ".json");
        }
        assertThat(rows(readAll(filesystem("in", ALL_TYPES, out, "json"), 1))).hasSize(rows.size());
    }

    @Test
    void shouldWriteNoFileWithoutRows() throws Exception {
        Path out = dir.resolve("out");
        writeAll(filesystemSink(out, "csv"), 0, 1, List.of(), true);

        assertThat(listNames(out)).isEmpty();
    }

    @Test
    void shouldAcceptInsertsOnly() throws Exception {
        TableSink sink = filesystemSink(dir, "json");
        assertThat(sink.acceptsUpdates()).isFalse();
        try (SinkWriter writer = sink.createWriter(0, 1)) {
            writer.open(context(0, 1));
            assertThatThrownBy(() -> writer.write(RowKind.UPDATE_AFTER, new Object[ALL_TYPES.size()]))
                    .isInstanceOfSatisfying(SluiceException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL_ERROR))
                    .hasMessageContaining("+U");
        }
    }

    @Test
    void shouldRejectBadSinkOptionsAtPlanning() throws IOException {
        Path file = Files.writeString(dir.resolve("file.json"), "{}");
        assertThatThrownBy(() -> filesystemSink(file, "json"))
                .isInstanceOfSatisfying(SluiceException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.OPTION_ERROR))
                .hasMessageContaining("Table 'out': option 'path' must name a directory");
        assertThatThrownBy(() -> filesystemSink(dir, "json", "sink.rolling-policy.file-size", "big"))
                .hasMessageContaining("Table 'out': option 'sink.rolling-policy.file-size' must be a positive size");
        assertThatThrownBy(() -> filesystemSink(dir, "json", "sink.rolling-policy.rollover-interval", "soon"))
                .hasMessageContaining("Table 'out': option 'sink.rolling-policy.rollover-interval'");
        assertThat(filesystemSink(dir, "json", "sink.rolling-policy.file-size", "64 mb").describe())
                .isEqualTo("filesystem[path=" + dir + ", format=json]");
    }

    @Test
    void shouldParseFlinkMemorySizes() {
        assertThat(MemorySize.parseBytes("128mb")).hasValue(128L << 20);
        assertThat(MemorySize.parseBytes("1 GB")).hasValue(1L << 30);
        assertThat(MemorySize.parseBytes("4096")).hasValue(4096);
        assertThat(MemorySize.parseBytes("10k")).hasValue(10240);
        assertThat(MemorySize.parseBytes("ten")).isEmpty();
    }

    private static SinkContext context(int subtask, int parallelism) {
        return new SinkContext() {
            @Override
            public int subtaskIndex() {
                return subtask;
            }

            @Override
            public int parallelism() {
                return parallelism;
            }
        };
    }
}
