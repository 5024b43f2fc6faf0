package io.sluice.connectors.print;

import static io.sluice.connectors.ConnectorTestSupport.options;
import static io.sluice.connectors.ConnectorTestSupport.sink;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.executor.connector.SinkContext;
import io.sluice.executor.connector.SinkWriter;
import io.sluice.executor.connector.TableSink;
import io.sluice.executor.data.RowKind;
import io.sluice.executor.error.SluiceException;
import io.sluice.executor.types.LogicalType;
import io.sluice.executor.types.RowSchema;
import io.sluice.executor.types.TypeRoot;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PrintConnectorTest {
    private static final RowSchema ALL_TYPES = RowSchema.builder()
            .field("b", LogicalType.of(TypeRoot.BOOLEAN))
            .field("t", LogicalType.of(TypeRoot.TINYINT))
            .field("s", LogicalType.of(TypeRoot.SMALLINT))
            .field("i", LogicalType.of(TypeRoot.INTEGER))
            .field("l", LogicalType.of(TypeRoot.BIGINT))
            .field("f", LogicalType.of(TypeRoot.FLOAT))
            .field("d", LogicalType.of(TypeRoot.DOUBLE))
            .field("dec", LogicalType.decimal(10, 2))
            .field("c", LogicalType.of(TypeRoot.CHAR, 3))
            .field("v", LogicalType.string())
            .field("dt", LogicalType.of(TypeRoot.DATE))
            .field("tm", LogicalType.of(TypeRoot.TIME))
            .field("ts", LogicalType.of(TypeRoot.TIMESTAMP, 3))
            .field("ts2", LogicalType.of(TypeRoot.TIMESTAMP, 3))
            .field("ltz", LogicalType.of(TypeRoot.TIMESTAMP_LTZ, 3))
            .field("n", LogicalType.of(TypeRoot.INTEGER))
            .build();
    /** 2020-04-15T08:05:00 as millis. */
    private static final long TS = 1_586_937_900_000L;
    private static final Object[] ROW = {true, (byte) 1, (short) -2, 3, 4L, 1.5f, 1.0E10, new BigDecimal("12.30"), "abc",
            "hello, world", 18367, 29_100_000, TS, TS + 12_345, TS, null};
    private static final String ROW_TEXT = "[true, 1, -2, 3, 4, 1.5, 1.0E10, 12.30, abc, hello, world, 2020-04-15, "
            + "08:05, 2020-04-15T08:05, 2020-04-15T08:05:12.345, 2020-04-15T08:05:00Z, null]";

    @Test
    void shouldFormatEveryTypeAsFlinksRowToString() {
        assertThat(FlinkRowFormat.formatRow(RowKind.INSERT, ROW, ALL_TYPES)).isEqualTo("+I" + ROW_TEXT);
        assertThat(FlinkRowFormat.formatRow(RowKind.UPDATE_BEFORE, new Object[] {1}, RowSchema.builder()
                .field("x", LogicalType.of(TypeRoot.INTEGER)).build())).isEqualTo("-U[1]");
        assertThat(FlinkRowFormat.formatValue(29_100_123, LogicalType.of(TypeRoot.TIME, 3))).isEqualTo("08:05:00.123");
        assertThat(FlinkRowFormat.formatValue(-1L, LogicalType.of(TypeRoot.TIMESTAMP, 3)))
                .isEqualTo("1969-12-31T23:59:59.999");
        assertThat(FlinkRowFormat.formatValue(90_000L, LogicalType.of(TypeRoot.INTERVAL_DAY_TIME))).isEqualTo("PT1M30S");
        assertThat(FlinkRowFormat.formatValue(14, LogicalType.of(TypeRoot.INTERVAL_YEAR_MONTH))).isEqualTo("P1Y2M");
    }

    @Test
    void shouldPrefixLinesAsFlinksPrintSink() {
        assertThat(FlinkRowFormat.prefix("", 0, 1)).isEmpty();
        assertThat(FlinkRowFormat.prefix("out", 0, 1)).isEqualTo("out> ");
        assertThat(FlinkRowFormat.prefix("out", 1, 2)).isEqualTo("out:2> ");
        assertThat(FlinkRowFormat.prefix("", 0, 2)).isEqualTo("1> ");
    }

    @Test
    void shouldPrintOneLinePerRowWithIdentifierAtParallelismOne() throws Exception {
        TableSink sink = sink("print", "out", ALL_TYPES, options("print-identifier", "bids"));

        String printed = capture(false, () -> {
            write(sink, 0, 1, RowKind.INSERT, ROW);
            write(sink, 0, 1, RowKind.DELETE, ROW);
        });

        assertThat(sink.acceptsUpdates()).isTrue();
        assertThat(printed).isEqualTo("bids> +I" + ROW_TEXT + System.lineSeparator()
                + "bids> -D" + ROW_TEXT + System.lineSeparator());
    }

    @Test
    void shouldPrintSubtaskNumbersAtParallelismTwo() throws Exception {
        RowSchema schema = RowSchema.builder().field("x", LogicalType.of(TypeRoot.BIGINT)).build();
        TableSink plain = sink("print", "out", schema, options());
        TableSink named = sink("print", "out", schema, options("print-identifier", "id"));

        String printed = capture(false, () -> {
            write(plain, 0, 2, RowKind.INSERT, new Object[] {1L});
            write(plain, 1, 2, RowKind.UPDATE_AFTER, new Object[] {2L});
            write(named, 1, 2, RowKind.INSERT, new Object[] {3L});
            write(plain, 0, 1, RowKind.INSERT, new Object[] {4L});
        });

        assertThat(printed.lines()).containsExactly("1> +I[1]", "2> +U[2]", "id:2> +I[3]", "+I[4]");
    }

    @Test
    void shouldPrintToStandardErrorWhenAsked() throws Exception {
        RowSchema schema = RowSchema.builder().field("x", LogicalType.string()).build();
        TableSink sink = sink("print", "out", schema, options("standard-error", "true"));

        String printed = capture(true, () -> write(sink, 0, 1, RowKind.INSERT, new Object[] {null}));

        assertThat(printed.lines()).containsExactly("+I[null]");
        assertThatThrownBy(() -> sink("print", "out", schema, options("standard-error", "yes")))
                .isInstanceOf(SluiceException.class)
                .hasMessageContaining("Table 'out': option 'standard-error' must be 'true' or 'false', but is 'yes'");
    }

    @Test
    void shouldAcceptAndDiscardEverythingInBlackhole() throws Exception {
        RowSchema schema = RowSchema.builder().field("x", LogicalType.string()).build();
        TableSink sink = sink("blackhole", "void", schema, options());

        String printed = capture(false, () -> write(sink, 0, 1, RowKind.DELETE, new Object[] {"x"}));

        assertThat(sink.acceptsUpdates()).isTrue();
        assertThat(sink.describe()).isEqualTo("blackhole");
        assertThat(printed).isEmpty();
    }

    private static void write(TableSink sink, int subtask, int parallelism, RowKind kind, Object[] row) throws Exception {
        try (SinkWriter writer = sink.createWriter(subtask, parallelism)) {
            writer.open(new SinkContext() {
                @Override
                public int subtaskIndex() {
                    return subtask;
                }

                @Override
                public int parallelism() {
                    return parallelism;
                }
            });
            writer.write(kind, row);
            writer.finish();
        }
    }

    private interface Action {
        void run() throws Exception;
    }

    private static synchronized String capture(boolean standardError, Action action) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream original = standardError ? System.err : System.out;
        PrintStream capture = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        if (standardError) {
            System.setErr(capture);
        } else {
            System.setOut(capture);
        }
        try {
            action.run();
        } finally {
            if (standardError) {
                System.setErr(original);
            } else {
                System.setOut(original);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
