package io.sluice.connectors.filesystem;

import static io.sluice.connectors.ConnectorTestSupport.options;
import static io.sluice.connectors.ConnectorTestSupport.readAll;
import static io.sluice.connectors.ConnectorTestSupport.row;
import static io.sluice.connectors.ConnectorTestSupport.rows;
import static io.sluice.connectors.ConnectorTestSupport.source;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.connectors.ConnectorTestSupport.SubtaskResult;
import io.sluice.executor.connector.TableSource;
import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import io.sluice.executor.types.LogicalType;
import io.sluice.executor.types.RowSchema;
import io.sluice.executor.types.TypeRoot;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FileSystemSourceTest {
    static final RowSchema ALL_TYPES = RowSchema.builder()
            .field("b", LogicalType.of(TypeRoot.BOOLEAN))
            .field("t", LogicalType.of(TypeRoot.TINYINT))
            .field("s", LogicalType.of(TypeRoot.SMALLINT))
            .field("i", LogicalType.of(TypeRoot.INTEGER))
            .field("l", LogicalType.of(TypeRoot.BIGINT))
            .field("f", LogicalType.of(TypeRoot.FLOAT))
            .field("d", LogicalType.of(TypeRoot.DOUBLE))
            .field("dec", LogicalType.decimal(10, 2))
            .field("v", LogicalType.string())
            .field("dt", LogicalType.of(TypeRoot.DATE))
            .field("tm", LogicalType.of(TypeRoot.TIME, 3))
            .field("ts", LogicalType.of(TypeRoot.TIMESTAMP, 3))
            .field("ltz", LogicalType.of(TypeRoot.TIMESTAMP_LTZ, 3))
            .build();
    static final RowSchema BID = RowSchema.builder()
            .field("id", LogicalType.of(TypeRoot.BIGINT))
            .field("price", LogicalType.of(TypeRoot.BIGINT))
            .build();
    /** 2020-12-30 12:13:14.123. */
    static final long TS = 1_609_330_394_123L;
    static final int DATE = 18626;
    static final int TIME = (12 * 3600 + 13 * 60 + 14) * 1000 + 123;

    @TempDir
    Path dir;

    static TableSource filesystem(String table, RowSchema schema, Path path, String format, String... more) {
        Map<String, String> options = options(more);
        options.put("path", path.toString());
        options.put("format", format);
        return source("filesystem", table, schema, options);
    }

    private Path write(String relative, String... lines) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void shouldReadJsonOfEveryTypeWithNullsMissingAndUnknownFields() throws Exception {
        Path file = write("all.json",
                "{\"b\":true,\"t\":1,\"s\":2,\"i\":3,\"l\":4,\"f\":1.5,\"d\":2.5,\"dec\":\"3.14\",\"v\":\"x\","
                        + "\"dt\":\"2020-12-30\",\"tm\":\"12:13:14.123\",\"ts\":\"2020-12-30 12:13:14.123\","
                        + "\"ltz\":\"2020-12-30 12:13:14.123Z\"}",
                "",
                "{\"ts\":\"2020-12-30T12:13:14.123\",\"ltz\":\"2020-12-30T12:13:14.123Z\",\"unknown\":{\"x\":[1]}}",
                "   ",
                "{\"b\":null,\"v\":null}");

        List<List<Object>> rows = rows(readAll(filesystem("all", ALL_TYPES, file, "json"), 1));

        assertThat(rows).containsExactly(
                row(true, (byte) 1, (short) 2, 3, 4L, 1.5f, 2.5, new BigDecimal("3.14"), "x", DATE, TIME, TS, TS),
                row(null, null, null, null, null, null, null, null, null, null, null, TS, TS),
                row(null, null, null, null, null, null, null, null, null, null, null, null, null));
    }

    @Test
    void shouldReadCsvOfEveryTypeWithQuotedLineBreaksAndComments() throws Exception {
        Path file = write("all.csv",
                "# header comment",
                "true,1,2,3,4,1.5,2.5,3.14,\"multi",
                "",
                "line, \"\"quoted\"\"\",2020-12-30,12:13:14.123,2020-12-30T12:13:14.123,2020-12-30 12:13:14.123Z",
                ",,,,,,,,,,,,",
                "false,,,,,,,,x,,,2020-12-30 12:13:14.123,");

        List<List<Object>> rows = rows(readAll(filesystem("all", ALL_TYPES, file, "csv", "csv.allow-comments", "true"), 1));

        assertThat(rows).containsExactly(
                row(true, (byte) 1, (short) 2, 3, 4L, 1.5f, 2.5, new BigDecimal("3.14"), "multi\n\nline, \"quoted\"",
                        DATE, TIME, TS, TS),
                row(null, null, null, null, null, null, null, null, "", null, null, null, null),
                row(false, null, null, null, null, null, null, null, "x", null, null, TS, null));
    }

    @Test
    void shouldFailOnMalformedLineNamingTableFileAndLine() throws Exception {
        Path file = write("bids.json", "{\"id\":1,\"price\":10}", "", "{\"id\":2,\"price\":\"abc\"}");

        assertThatThrownBy(() -> readAll(filesystem("bids", BID, file, "json"), 1))
                .isInstanceOfSatisfying(SluiceException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_RECORD))
                .hasMessage("Table 'bids': malformed JSON at " + file + " line 3: "
                        + "Cannot parse 'abc' as BIGINT for field 'price'");
    }

    @Test
    void shouldFailOnMalformedCsvNamingTableFileAndLine() throws Exception {
        Path file = write("bids.csv", "1,10", "2,x");

        assertThatThrownBy(() -> readAll(filesystem("bids", BID, file, "csv"), 1))
                .isInstanceOf(SluiceException.class)
                .hasMessage("Table 'bids': malformed CSV at " + file + " line 2: "
                        + "Cannot parse 'x' as BIGINT for field 'price'");
    }

    @Test
    void shouldSkipAndReportMalformedRecordsWhenIgnoringParseErrors() throws Exception {
        Path file = write("bids.json", "{\"id\":1,\"price\":10}", "not json", "[1]", "{\"id\":4,\"price\":40}");
        Files.write(file, new byte[] {'{', '"', 'i', 'd', '"', ':', '"', (byte) 0xC3, '"', '}', '\n'},
                java.nio.file.StandardOpenOption.APPEND);

        SubtaskResult result = readAll(filesystem("bids", BID, file, "json", "json.ignore-parse-errors", "true"), 1)
                .get(0);

        assertThat(result.output().rowLists()).containsExactly(row(1L, 10L), row(4L, 40L));
        assertThat(result.context().skipped()).containsOnlyKeys(file + " line 2", file + " line 3", file + " line 5");
        assertThat(result.context().skipped().get(file + " line 3"))
                .isEqualTo("Expected a JSON object but found a JSON array");
        assertThat(result.context().skipped().get(file + " line 5")).isEqualTo("the line is not valid UTF-8");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3})
    void shouldReadDirectoryRecursivelySkippingHiddenFilesOneSplitPerFile(int parallelism) throws Exception {
        Path a = write("a.json", "{\"id\":1}");
        Path b = write("sub/b.json", "{\"id\":2}", "{\"id\":3}");
        Path c = write("sub/deeper/c.json", "{\"id\":4}");
        Path d = write("z.json", "{\"id\":5}");
        write(".hidden.json", "{\"id\":100}");
        write("_SUCCESS", "not json at all");
        write(".part-1234abcd-0-0.inprogress", "{\"id\":101}");
        write("_temporary/x.json", "{\"id\":102}");
        write(".staging/y.json", "{\"id\":103}");

        List<SubtaskResult> results = readAll(filesystem("ids", BID, dir, "json"), parallelism);

        assertThat(rows(results)).extracting(r -> r.get(0)).containsExactlyInAnyOrder(1L, 2L, 3L, 4L, 5L);
        List<Path> sorted = List.of(a, b, c, d);
        for (int s = 0; s < parallelism; s++) {
            List<String> expectedSplits = new java.util.ArrayList<>();
            for (int i = s; i < sorted.size(); i += parallelism) {
                expectedSplits.add(sorted.get(i).toString());
            }
            var splits = results.get(s).output().splits();
            assertThat(splits.keySet()).containsExactlyElementsOf(expectedSplits);
            assertThat(splits.values()).allSatisfy(split -> assertThat(split.finished()).isTrue());
        }
    }

    @Test
    void shouldReadAnEmptyDirectoryAsNoRows() throws Exception {
        assertThat(rows(readAll(filesystem("ids", BID, dir, "json"), 2))).isEmpty();
    }

    @Test
    void shouldStripByteOrderMarkAndCarriageReturns() throws Exception {
        Path file = dir.resolve("bom.csv");
        Files.write(file, "\uFEFF1,2\r\n3,4\r\n".getBytes(StandardCharsets.UTF_8));

        assertThat(rows(readAll(filesystem("bids", BID, file, "csv"), 1))).containsExactly(row(1L, 2L), row(3L, 4L));
    }

    @Test
    void shouldFailWhenPathDoesNotExist() {
        TableSource source = filesystem("bids", BID, dir.resolve("missing"), "json");

        assertThatThrownBy(() -> readAll(source, 1))
                .isInstanceOfSatisfying(SluiceException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.EXTERNAL_ERROR))
                .hasMessageContaining("Table 'bids': path '" + dir.resolve("missing") + "' does not exist");
    }

    @Test
    void shouldRejectBadOptionsAtPlanning() {
        assertThatThrownBy(() -> filesystem("bids", BID, dir, "parquet"))
                .isInstanceOfSatisfying(SluiceException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.OPTION_ERROR))
                .hasMessageContaining("Table 'bids': option 'format' must be one of 'json', 'csv', 'raw', but is 'parquet'");
        assertThatThrownBy(() -> filesystem("bids", BID, dir, "json", "json.ignore-parse-errors", "sometimes"))
                .hasMessageContaining("Table 'bids': option 'json.ignore-parse-errors'");
        assertThatThrownBy(() -> source("filesystem", "bids", BID, options("format", "json")))
                .hasMessageContaining("Table 'bids': missing required option 'path'");
    }

    @Test
    void shouldDescribeItself() {
        assertThat(filesystem("bids", BID, dir, "json").describe())
                .isEqualTo("filesystem[path=" + dir + ", format=json]");
    }
}
