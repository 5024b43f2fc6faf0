package io.sluice.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.executor.connector.ConnectorFactory;
import io.sluice.executor.connector.ConnectorOptions;
import io.sluice.executor.connector.MetadataColumn;
import io.sluice.executor.connector.SinkContext;
import io.sluice.executor.connector.SinkWriter;
import io.sluice.executor.connector.SourceContext;
import io.sluice.executor.connector.SourceOutput;
import io.sluice.executor.connector.SourceReader;
import io.sluice.executor.connector.SourceReader.ReadStatus;
import io.sluice.executor.connector.TableContext;
import io.sluice.executor.connector.TableSink;
import io.sluice.executor.connector.TableSource;
import io.sluice.executor.data.RowKind;
import io.sluice.executor.types.RowSchema;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/** Drives connectors through the SPI, as the runtime does, with tiny in-memory outputs. */
public final class ConnectorTestSupport {
    private static final java.time.Duration READ_TO_END_LIMIT = java.time.Duration.ofSeconds(60);
    public static final ZoneId UTC = ZoneId.of("UTC");

    private ConnectorTestSupport() {
    }

    public static ConnectorFactory factory(String identifier) {
        for (ConnectorFactory factory : ServiceLoader.load(ConnectorFactory.class)) {
            if (factory.identifier().equals(identifier)) {
                return factory;
            }
        }
        throw new AssertionError("no connector factory '" + identifier + "'");
    }

    public static TableContext table(String name, RowSchema schema, Map<String, String> options) {
        return new TableContext(name, schema, new ConnectorOptions(name, options), List.of(), UTC);
    }

    public static TableSource source(String connector, String table, RowSchema schema, Map<String, String> options) {
        ConnectorFactory factory = factory(connector);
        assertOptionsSupported(factory, options);
        return factory.createSource(table(table, schema, options));
    }

    /** A source whose rows carry {@code metadataColumns} after the physical columns. */
    public static TableSource source(String connector, String table, RowSchema schema, Map<String, String> options,
            List<MetadataColumn> metadataColumns) {
        ConnectorFactory factory = factory(connector);
        assertOptionsSupported(factory, options);
        return factory.createSource(new TableContext(table, schema, new ConnectorOptions(table, options), List.of(), UTC,
                metadataColumns));
    }

    public static TableSink sink(String connector, String table, RowSchema schema, Map<String, String> options) {
        ConnectorFactory factory = factory(connector);
        assertOptionsSupported(factory, options);
        return factory.createSink(table(table, schema, options));
    }

    /** What the planner checks before it calls a create method. */
    private static void assertOptionsSupported(ConnectorFactory factory, Map<String, String> options) {
        for (String key : options.keySet()) {
            boolean supported = factory.supportedOptions().contains(key)
                    || factory.supportedOptionPrefixes().stream().anyMatch(key::startsWith);
            assertThat(supported).as("option '%s' of %s", key, factory.identifier()).isTrue();
        }
    }

    public static Map<String, String> options(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    /** Reads every subtask of {@code parallelism} to its end. */
    public static List<SubtaskResult> readAll(TableSource source, int parallelism) throws Exception {
        List<SubtaskResult> results = new ArrayList<>();
        for (int s = 0; s < parallelism; s++) {
            results.add(readSubtask(source, s, parallelism));
        }
        return results;
    }

    public static SubtaskResult readSubtask(TableSource source, int subtask, int parallelism) throws Exception {
        TestSourceContext context = new TestSourceContext(subtask, parallelism);
        TestSourceOutput output = new TestSourceOutput();
        try (SourceReader reader = source.createReader(subtask, parallelism)) {
            reader.open(context);
            pollToEnd(reader, output);
        }
        return new SubtaskResult(output, context);
    }

    /**
     * Polls until the reader ends. A reader that has not ended after a minute fails the test with
     * what it emitted per split, instead of running into the test's timeout without a word.
     */
    private static void pollToEnd(SourceReader reader, TestSourceOutput output) throws Exception {
        long deadline = System.nanoTime() + READ_TO_END_LIMIT.toNanos();
        while (true) {
            ReadStatus status = reader.pollNext(output);
            if (status == ReadStatus.END_OF_INPUT) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the reader did not end within " + READ_TO_END_LIMIT + "; rows per split: "
                        + output.describeSplits());
            }
            if (status == ReadStatus.NOTHING_AVAILABLE) {
                Thread.sleep(1);
            }
        }
    }

    /** All rows of all subtasks, each row as a list for value equality. */
    public static List<List<Object>> rows(List<SubtaskResult> results) {
        List<List<Object>> rows = new ArrayList<>();
        results.forEach(r -> rows.addAll(r.output().rowLists()));
        return rows;
    }

    public static List<Object> row(Object... values) {
        return Arrays.asList(values);
    }

    public static void writeAll(TableSink sink, int subtask, int parallelism, List<Object[]> rows, boolean finish)
            throws Exception {
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
            for (Object[] row : rows) {
                writer.write(RowKind.INSERT, row);
            }
            if (finish) {
                writer.finish();
            }
        }
    }

    /**
     * One source subtask driven step by step, as the runtime does: polls, snapshots between polls,
     * and a record of the rows emitted before each snapshot.
     */
    public static final class ReaderRun implements AutoCloseable {
        private final SourceReader reader;
        private final TestSourceOutput output = new TestSourceOutput();
        private final TestSourceContext context;
        private boolean ended;

        private ReaderRun(SourceReader reader, TestSourceContext context) throws Exception {
            this.reader = reader;
            this.context = context;
            reader.open(context);
        }

        /** Opens subtask {@code subtask} of {@code parallelism}, restored from {@code restored} (fresh when empty). */
        public static ReaderRun open(TableSource source, int subtask, int parallelism, List<byte[]> restored)
                throws Exception {
            return open(source.createReader(subtask, parallelism), subtask, parallelism, restored);
        }

        public static ReaderRun open(SourceReader reader, int subtask, int parallelism, List<byte[]> restored)
                throws Exception {
            return new ReaderRun(reader, new TestSourceContext(subtask, parallelism, restored));
        }

        /** Polls {@code times} times or until the end; NOTHING_AVAILABLE counts as a poll. */
        public ReaderRun poll(int times) throws Exception {
            for (int i = 0; i < times && !ended; i++) {
                ended = reader.pollNext(output) == ReadStatus.END_OF_INPUT;
            }
            return this;
        }

        public ReaderRun readToEnd() throws Exception {
            if (!ended) {
                pollToEnd(reader, output);
                ended = true;
            }
            return this;
        }

        public byte[] snapshot(long checkpointId) throws Exception {
            return reader.snapshotState(checkpointId);
        }

        public boolean ended() {
            return ended;
        }

        public List<List<Object>> rows() {
            return output.rowLists();
        }

        public TestSourceOutput output() {
            return output;
        }

        public TestSourceContext context() {
            return context;
        }

        @Override
        public void close() throws Exception {
            reader.close();
        }
    }

    /** A sink context with a stable sink id and the states of the old subtasks this one inherits. */
    public static SinkContext sinkContext(int subtask, int parallelism, String sinkId, List<byte[]> restored) {
        return sinkContext(subtask, parallelism, sinkId, restored, false);
    }

    /**
     * A sink context as the runtime gives it; {@code checkpointed} says whether the job takes
     * checkpoints (every second).
     */
    public static SinkContext sinkContext(int subtask, int parallelism, String sinkId, List<byte[]> restored,
            boolean checkpointed) {
        List<byte[]> copy = List.copyOf(restored);
        return new SinkContext() {
            @Override
            public int subtaskIndex() {
                return subtask;
            }

            @Override
            public int parallelism() {
                return parallelism;
            }

            @Override
            public String stableSinkId() {
                return sinkId;
            }

            @Override
            public List<byte[]> restoredState() {
                return copy;
            }

            @Override
            public java.util.Optional<java.time.Duration> checkpointInterval() {
                return checkpointed ? java.util.Optional.of(java.time.Duration.ofSeconds(1)) : java.util.Optional.empty();
            }
        };
    }

    public record SubtaskResult(TestSourceOutput output, TestSourceContext context) {
    }

    public static final class TestSourceOutput implements SourceOutput {
        private final Map<String, TestSplit> splits = new LinkedHashMap<>();
        private final List<Object[]> rows = new ArrayList<>();

        @Override
        public SplitOutput split(String splitId) {
            return splits.computeIfAbsent(splitId, TestSplit::new);
        }

        public Map<String, TestSplit> splits() {
            return splits;
        }

        public List<Object[]> rows() {
            return rows;
        }

        public List<List<Object>> rowLists() {
            return rows.stream().map(Arrays::asList).toList();
        }

        /** Each split with its row count, last row and whether it finished: for failure messages. */
        public String describeSplits() {
            StringBuilder sb = new StringBuilder();
            splits.forEach((id, split) -> sb.append(id).append('=').append(split.rows.size())
                    .append(split.rows.isEmpty() ? "" : " last " + Arrays.toString(split.rows.get(split.rows.size() - 1)))
                    .append(split.finished ? " finished" : " open").append("; "));
            return sb.toString();
        }

        public final class TestSplit implements SplitOutput {
            private final String id;
            private final List<Object[]> rows = new ArrayList<>();
            private boolean finished;

            TestSplit(String id) {
                this.id = id;
            }

            @Override
            public void collect(Object[] row) {
                if (finished) {
                    throw new AssertionError("row after finish on split " + id);
                }
                rows.add(row);
                TestSourceOutput.this.rows.add(row);
            }

            @Override
            public void finish() {
                finished = true;
            }

            public List<Object[]> rows() {
                return rows;
            }

            public boolean finished() {
                return finished;
            }
        }
    }

    public static final class TestSourceContext implements SourceContext {
        private final int subtask;
        private final int parallelism;
        private final List<byte[]> restored;
        private final Map<String, String> skipped = new HashMap<>();

        public TestSourceContext(int subtask, int parallelism) {
            this(subtask, parallelism, List.of());
        }

        public TestSourceContext(int subtask, int parallelism, List<byte[]> restored) {
            this.subtask = subtask;
            this.parallelism = parallelism;
            this.restored = List.copyOf(restored);
        }

        @Override
        public List<byte[]> restoredState() {
            return restored;
        }

        @Override
        public int subtaskIndex() {
            return subtask;
        }

        @Override
        public int parallelism() {
            return parallelism;
        }

        @Override
        public void skippedMalformedRecord(String where, String reason) {
            skipped.put(where, reason);
        }

        public Map<String, String> skipped() {
            return skipped;
        }
    }
}
