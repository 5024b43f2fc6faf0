package io.sluice.connectors.datagen;

import static io.sluice.connectors.ConnectorTestSupport.options;
import static io.sluice.connectors.ConnectorTestSupport.readAll;
import static io.sluice.connectors.ConnectorTestSupport.rows;
import static io.sluice.connectors.ConnectorTestSupport.source;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.connectors.ConnectorTestSupport;
import io.sluice.connectors.ConnectorTestSupport.SubtaskResult;
import io.sluice.connectors.ConnectorTestSupport.TestSourceContext;
import io.sluice.connectors.ConnectorTestSupport.TestSourceOutput;
import io.sluice.executor.connector.SourceReader;
import io.sluice.executor.connector.SourceReader.ReadStatus;
import io.sluice.executor.connector.TableSource;
import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import io.sluice.executor.types.LogicalType;
import io.sluice.executor.types.RowSchema;
import io.sluice.executor.types.TypeRoot;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class DataGenConnectorTest {
    private static final RowSchema ID_NAME = RowSchema.builder()
            .field("id", LogicalType.of(TypeRoot.BIGINT))
            .field("name", LogicalType.string())
            .build();

    private static TableSource datagen(RowSchema schema, String... keysAndValues) {
        return source("datagen", "gen", schema, options(keysAndValues));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3})
    void shouldCoverSequenceExactlyOnceAcrossSubtasks(int parallelism) throws Exception {
        TableSource source = datagen(ID_NAME, "rows-per-second", "1000000",
                "fields.id.kind", "sequence", "fields.id.start", "5", "fields.id.end", "1004");

        List<SubtaskResult> results = readAll(source, parallelism);

        assertThat(source.isBounded()).isTrue();
        List<Long> ids = new ArrayList<>();
        rows(results).forEach(r -> ids.add((Long) r.get(0)));
        assertThat(ids).containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(5, 1004).boxed().toList());
    }

    @Test
    void shouldInterleaveSequenceSoEverySubtaskAdvancesEvenly() throws Exception {
        TableSource source = datagen(ID_NAME, "rows-per-second", "1000000",
                "fields.id.kind", "sequence", "fields.id.start", "0", "fields.id.end", "9");

        List<SubtaskResult> results = readAll(source, 3);

        assertThat(results.get(0).output().rows()).extracting(r -> r[0]).containsExactly(0L, 3L, 6L, 9L);
        assertThat(results.get(1).output().rows()).extracting(r -> r[0]).containsExactly(1L, 4L, 7L);
        assertThat(results.get(2).output().rows()).extracting(r -> r[0]).containsExactly(2L, 5L, 8L);
        for (int s = 0; s < 3; s++) {
            assertThat(results.get(s).output().splits()).containsOnlyKeys("datagen-" + s);
            assertThat(results.get(s).output().splits().get("datagen-" + s).finished()).isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3})
    void shouldEmitExactlyNumberOfRows(int parallelism) throws Exception {
        TableSource source = datagen(ID_NAME, "rows-per-second", "1000000", "number-of-rows", "1000");

        List<SubtaskResult> results = readAll(source, parallelism);

        assertThat(rows(results)).hasSize(1000);
        assertThat(rows(results)).allSatisfy(r -> assertThat((String) r.get(1)).hasSize(100).matches("[0-9a-f]+"));
    }

    @Test
    void shouldGiveSubtasksWithoutRowsAnEmptyFinishedSplit() throws Exception {
        TableSource source = datagen(ID_NAME, "number-of-rows", "2");

        List<SubtaskResult> results = readAll(source, 3);

        assertThat(results).extracting(r -> r.output().rows().size()).containsExactly(1, 1, 0);
        assertThat(results.get(2).output().splits().get("datagen-2").finished()).isTrue();
    }

    @Test
    void shouldEndAtTheShortestOfSequencesAndNumberOfRows() throws Exception {
        RowSchema schema = RowSchema.builder()
                .field("a", LogicalType.of(TypeRoot.INTEGER))
                .field("b", LogicalType.of(TypeRoot.INTEGER))
                .build();
        TableSource source = datagen(schema, "rows-per-second", "1000000",
                "fields.a.kind", "sequence", "fields.a.start", "1", "fields.a.end", "100",
                "fields.b.kind", "sequence", "fields.b.start", "1", "fields.b.end", "50");
        assertThat(rows(readAll(source, 2))).hasSize(50);

        TableSource limited = datagen(schema, "rows-per-second", "1000000", "number-of-rows", "7",
                "fields.a.kind", "sequence", "fields.a.start", "1", "fields.a.end", "100");
        assertThat(rows(readAll(limited, 2))).extracting(r -> r.get(0)).containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6, 7);
    }

    @Test
    void shouldBeUnboundedWithoutNumberOfRowsOrSequence() {
        assertThat(datagen(ID_NAME).isBounded()).isFalse();
        assertThat(datagen(ID_NAME).describe()).isEqualTo("datagen[rows-per-second=10000]");
        assertThat(datagen(ID_NAME, "rows-per-second", "10", "number-of-rows", "100").describe())
                .isEqualTo("datagen[rows-per-second=10, number-of-rows=100]");
    }

    @Test
    void shouldReturnNothingAvailableWhenNoRowIsDue() throws Exception {
        TableSource source = datagen(ID_NAME, "rows-per-second", "1", "number-of-rows", "100");
        TestSourceOutput output = new TestSourceOutput();
        try (SourceReader reader = source.createReader(0, 1)) {
            reader.open(new TestSourceContext(0, 1));

            assertThat(reader.pollNext(output)).isEqualTo(ReadStatus.MORE_AVAILABLE);
            assertThat(output.rows()).hasSize(1);
            assertThat(reader.pollNext(output)).isEqualTo(ReadStatus.NOTHING_AVAILABLE);
            assertThat(reader.pollNext(output)).isEqualTo(ReadStatus.NOTHING_AVAILABLE);
            assertThat(output.rows()).hasSize(1);
        }
    }

    @Test
    void shouldEmitEachSubtasksShareOfTheRateAsTimePasses() throws Exception {
        DataGenTableSource source = (DataGenTableSource) datagen(ID_NAME, "rows-per-second", "100");
        AtomicLong clock = new AtomicLong();
        TestSourceOutput output = new TestSourceOutput();
        try (SourceReader reader = source.createReader(1, 2, clock::get)) {
            reader.open(new TestSourceContext(1, 2));
            assertThat(reader.pollNext(output)).isEqualTo(ReadStatus.MORE_AVAILABLE);
            assertThat(reader.pollNext(output)).isEqualTo(ReadStatus.NOTHING_AVAILABLE);

            clock.addAndGet(100_000_000L); // 100 ms at 50 rows per second per subtask: 5 rows
            while (reader.pollNext(output) == ReadStatus.MORE_AVAILABLE) {
                // drain what is due
            }
            assertThat(output.rows()).hasSize(6);

            clock.addAndGet(60_000_000_000L); // a minute of backpressure earns at most one second of rows
            while (reader.pollNext(output) == ReadStatus.MORE_AVAILABLE) {
                // drain what is due
            }
            assertThat(output.rows()).hasSize(56);
        }
    }

    @Test
    void shouldRepeatRandomValuesWithTheSameSeed() throws Exception {
        String[] opts = {"rows-per-second", "1000000", "number-of-rows", "30", "seed", "42",
                "fields.id.min", "0", "fields.id.max", "1000000", "fields.name.length", "8"};

        List<List<Object>> first = rows(readAll(datagen(ID_NAME, opts), 3));
        List<List<Object>> second = rows(readAll(datagen(ID_NAME, opts), 3));
        opts[5] = "43";
        List<List<Object>> otherSeed = rows(readAll(datagen(ID_NAME, opts), 3));

        assertThat(second).isEqualTo(first);
        assertThat(otherSeed).isNotEqualTo(first);
        List<List<Object>> subtask0 = rows(List.of(ConnectorTestSupport.readSubtask(datagen(ID_NAME, opts), 0, 3)));
        List<List<Object>> subtask1 = rows(List.of(ConnectorTestSupport.readSubtask(datagen(ID_NAME, opts), 1, 3)));
        assertThat(subtask0).isNotEqualTo(subtask1);
    }

    @Test
    void shouldGenerateRandomValuesOfEveryType() throws Exception {
        RowSchema schema = RowSchema.builder()
                .field("b", LogicalType.of(TypeRoot.BOOLEAN))
                .field("t", LogicalType.of(TypeRoot.TINYINT))
                .field("s", LogicalType.of(TypeRoot.SMALLINT))
                .field("i", LogicalType.of(TypeRoot.INTEGER))
                .field("l", LogicalType.of(TypeRoot.BIGINT))
                .field("f", LogicalType.of(TypeRoot.FLOAT))
                .field("d", LogicalType.of(TypeRoot.DOUBLE))
                .field("dec", LogicalType.decimal(5, 2))
                .field("c", LogicalType.of(TypeRoot.CHAR, 3))
                .field("v", LogicalType.string())
                .field("dt", LogicalType.of(TypeRoot.DATE))
                .field("tm", LogicalType.of(TypeRoot.TIME))
                .field("ts", LogicalType.of(TypeRoot.TIMESTAMP, 3))
                .field("ltz", LogicalType.of(TypeRoot.TIMESTAMP_LTZ, 3))
                .field("n", LogicalType.of(TypeRoot.INTEGER))
                .build();
        long before = System.currentTimeMillis();
        TableSource source = datagen(schema, "rows-per-second", "1000000", "number-of-rows", "200",
                "fields.i.min", "-5", "fields.i.max", "5",
                "fields.d.min", "1.5", "fields.d.max", "2.5",
                "fields.v.length", "10", "fields.v.var-len", "true",
                "fields.ts.max-past", "1 h",
                "fields.n.null-rate", "1.0");

        List<List<Object>> rows = rows(readAll(source, 2));

        long after = System.currentTimeMillis();
        assertThat(rows).hasSize(200).allSatisfy(r -> {
            for (int i = 0; i < schema.size() - 1; i++) {
                assertThat(r.get(i)).isInstanceOf(schema.type(i).root().carrier());
            }
            assertThat((Integer) r.get(3)).isBetween(-5, 5);
            assertThat((Double) r.get(6)).isBetween(1.5, 2.5);
            assertThat(((BigDecimal) r.get(7)).scale()).isEqualTo(2);
            assertThat(((BigDecimal) r.get(7)).abs()).isLessThanOrEqualTo(new BigDecimal("999.99"));
            assertThat((String) r.get(8)).hasSize(3);
            assertThat((String) r.get(9)).hasSizeBetween(1, 10);
            assertThat((Long) r.get(12)).isBetween(before - 3_600_000, after);
            assertThat((Long) r.get(13)).isBetween(before, after);
            assertThat(r.get(14)).isNull();
        });
        assertThat(rows).extracting(r -> r.get(3)).contains(-5, 5);
    }

    @Test
    void shouldMakeSequencesOfStringDecimalAndTemporalTypes() throws Exception {
        RowSchema schema = RowSchema.builder()
                .field("v", LogicalType.string())
                .field("dec", LogicalType.decimal(6, 2))
                .field("dt", LogicalType.of(TypeRoot.DATE))
                .field("ts", LogicalType.of(TypeRoot.TIMESTAMP, 3))
                .field("ltz", LogicalType.of(TypeRoot.TIMESTAMP_LTZ, 3))
                .build();
        TableSource source = datagen(schema, "rows-per-second", "1000000",
                "fields.v.kind", "sequence", "fields.v.start", "1", "fields.v.end", "3",
                "fields.dec.kind", "sequence", "fields.dec.start", "10", "fields.dec.end", "20",
                "fields.dt.kind", "sequence", "fields.dt.start", "2020-12-30", "fields.dt.end", "2021-01-30",
                "fields.ts.kind", "sequence", "fields.ts.start", "2020-12-30 00:00:00", "fields.ts.end", "2021-01-01 00:00:00",
                "fields.ltz.kind", "sequence", "fields.ltz.start", "1000", "fields.ltz.end", "2000");

        List<List<Object>> rows = rows(readAll(source, 1));

        long ts = 1_609_286_400_000L; // 2020-12-30T00:00 as UTC millis
        assertThat(rows).containsExactly(
                List.of("1", new BigDecimal("10.00"), 18626, ts, 1000L),
                List.of("2", new BigDecimal("11.00"), 18627, ts + 1, 1001L),
                List.of("3", new BigDecimal("12.00"), 18628, ts + 2, 1002L));
    }

    @Test
    void shouldRejectAnUnknownFieldNamingTableAndOption() {
        assertOptionError(() -> datagen(ID_NAME, "fields.price.kind", "random"),
                "Table 'gen'", "'fields.price.kind'", "unknown field 'price'");
    }

    @Test
    void shouldRejectSequenceWithoutStartOrEnd() {
        assertOptionError(() -> datagen(ID_NAME, "fields.id.kind", "sequence", "fields.id.start", "1"),
                "Table 'gen'", "'fields.id.end' is required");
        assertOptionError(() -> datagen(ID_NAME, "fields.id.kind", "sequence", "fields.id.end", "1"),
                "Table 'gen'", "'fields.id.start' is required");
    }

    @Test
    void shouldRejectMinGreaterThanMax() {
        assertOptionError(() -> datagen(ID_NAME, "fields.id.min", "10", "fields.id.max", "1"),
                "Table 'gen'", "'fields.id.min' (10) must not be greater than 'fields.id.max' (1)");
        assertOptionError(() -> datagen(ID_NAME, "fields.id.kind", "sequence", "fields.id.start", "10",
                "fields.id.end", "1"), "Table 'gen'", "'fields.id.start'");
    }

    @Test
    void shouldRejectBadOptionValues() {
        assertOptionError(() -> datagen(ID_NAME, "fields.id.kind", "counter"), "Table 'gen'", "'fields.id.kind'",
                "'sequence' or 'random'");
        assertOptionError(() -> datagen(ID_NAME, "rows-per-second", "0"), "Table 'gen'", "'rows-per-second'");
        assertOptionError(() -> datagen(ID_NAME, "rows-per-second", "fast"), "Table 'gen'", "'rows-per-second'");
        assertOptionError(() -> datagen(ID_NAME, "number-of-rows", "-1"), "Table 'gen'", "'number-of-rows'");
        assertOptionError(() -> datagen(ID_NAME, "fields.id.length", "5"), "Table 'gen'", "'fields.id.length'",
                "does not apply");
        assertOptionError(() -> datagen(ID_NAME, "fields.id.kind", "sequence", "fields.id.start", "1",
                "fields.id.end", "5", "fields.id.min", "1"), "'fields.id.min'", "does not apply");
        assertOptionError(() -> datagen(ID_NAME, "fields.id.colour", "red"), "Table 'gen'", "'fields.id.colour'");
        assertOptionError(() -> datagen(ID_NAME, "fields.name.null-rate", "2"), "'fields.name.null-rate'");
        RowSchema tiny = RowSchema.builder().field("t", LogicalType.of(TypeRoot.TINYINT)).build();
        assertOptionError(() -> datagen(tiny, "fields.t.max", "1000"), "'fields.t.max'", "TINYINT");
        RowSchema interval = RowSchema.builder().field("iv", LogicalType.of(TypeRoot.INTERVAL_DAY_TIME)).build();
        assertOptionError(() -> datagen(interval), "Table 'gen'", "INTERVAL SECOND", "'iv'");
    }

    private static void assertOptionError(Runnable action, String... fragments) {
        assertThatThrownBy(action::run)
                .isInstanceOfSatisfying(SluiceException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.OPTION_ERROR))
                .message().contains(fragments);
    }

}
