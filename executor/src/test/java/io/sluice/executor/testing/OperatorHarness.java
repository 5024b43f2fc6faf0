package io.sluice.executor.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.executor.data.RowKind;
import io.sluice.executor.operators.OperatorContext;
import io.sluice.executor.operators.Output;
import io.sluice.executor.operators.StreamOperator;
import io.sluice.executor.runtime.JobMetrics;
import io.sluice.executor.state.KeyGroupRange;
import io.sluice.executor.state.KeyedStateStore;
import io.sluice.executor.state.StateBackend;
import io.sluice.executor.state.StateBackends;
import io.sluice.executor.state.StateSnapshot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Runs one operator through a script of rows and watermarks, as the runtime would on one task
 * thread, and checks what it emitted, in order.
 *
 * <pre>{@code
 * verifyOperator(() -> new WindowAggregateOperator(tumble(10, 0), 1, new int[] {0}, List.of(countStar())))
 *         .input(insert("a", 3L), insert("a", 12L), watermark(9))
 *         .expectOutput(insert("a", 0L, 10L, 9L, 1L), watermark(9))
 *         .metrics(m -> assertThat(m.lateRowsDropped().sum()).isZero());
 * }</pre>
 *
 * <p>The operator is made fresh by the supplier, opened, fed the script, finished and closed
 * (closed also when it throws). Besides the expected output the harness checks the contracts every
 * operator owes the runtime: it does not modify input rows nor rows it has emitted, and its output
 * watermarks never go back.
 *
 * <p>The runtime sends {@code Long.MAX_VALUE} before {@code finish} to event-time operators; the
 * harness sends only what the script says, so a test puts {@code watermark(Long.MAX_VALUE)} in its
 * input where it wants the end of event time.
 */
public final class OperatorHarness<T extends StreamOperator> {
    private final Supplier<T> operatorSupplier;
    private final List<Input> script = new ArrayList<>();
    private int subtaskIndex;
    private int parallelism = 1;
    private Consumer<T> beforeClose = operator -> { };
    private boolean restoredRunsCompareResults;

    private OperatorHarness(Supplier<T> operatorSupplier) {
        this.operatorSupplier = Objects.requireNonNull(operatorSupplier, "operatorSupplier is null");
    }

    /**
     * A harness for operators made by {@code operatorSupplier}; it must return a new instance on each
     * call, because the harness will restore snapshots into fresh instances (see {@link #betweenInputs}).
     */
    public static <T extends StreamOperator> OperatorHarness<T> verifyOperator(Supplier<T> operatorSupplier) {
        return new OperatorHarness<>(operatorSupplier);
    }

    /** Appends rows (on input 0), rows on a given input ({@link #onInput}) and watermarks to the script. */
    public OperatorHarness<T> input(Item... items) {
        for (Item item : items) {
            script.add(item instanceof Input input ? input : new Input(0, item));
        }
        return this;
    }

    public OperatorHarness<T> input(List<? extends Item> items) {
        return input(items.toArray(new Item[0]));
    }

    /** Checks the operator after {@code finish}, before {@code close} releases its state (in every run). */
    public OperatorHarness<T> beforeClose(Consumer<T> check) {
        this.beforeClose = Objects.requireNonNull(check, "check is null");
        return this;
    }

    /**
     * For operators that emit differently when checkpointed (a mini-batch is flushed at every
     * checkpoint, and the harness checkpoints after every input): the restored runs must give the
     * same result table as the plain run ({@link #resultOf}), not the same changelog.
     */
    public OperatorHarness<T> restoredRunsCompareResults() {
        this.restoredRunsCompareResults = true;
        return this;
    }

    /** Runs the operator as subtask {@code index} of {@code parallelism}; default 0 of 1. */
    public OperatorHarness<T> subtask(int index, int parallelism) {
        if (index < 0 || index >= parallelism) {
            throw new IllegalArgumentException("subtask " + index + " of " + parallelism);
        }
        this.subtaskIndex = index;
        this.parallelism = parallelism;
        return this;
    }

    /** Runs the script and asserts the output is exactly {@code expected}, rows and watermarks in order. */
    public Run<T> expectOutput(Item... expected) {
        return expectOutput(Arrays.asList(expected));
    }

    /**
     * Rows between two watermarks may come in any order (the order of keys within a firing is not
     * defined); watermarks, and which rows come before which watermark, must match exactly.
     */
    public Run<T> expectOutput(List<? extends Item> expected) {
        Run<T> run = run();
        List<List<Item>> actualSegments = segments(run.output());
        List<List<Item>> expectedSegments = segments(new ArrayList<>(expected));
        assertThat(actualSegments).as("output of %s for input %s, split at watermarks", run.operator(), script)
                .hasSameSizeAs(expectedSegments);
        for (int i = 0; i < expectedSegments.size(); i++) {
            assertThat(actualSegments.get(i)).as("segment %s of the output %s for input %s", i, run.output(), script)
                    .containsExactlyInAnyOrderElementsOf(expectedSegments.get(i));
        }
        return run;
    }

    /** The output cut after each watermark: rows, then the watermark that follows them. */
    private static List<List<Item>> segments(List<Item> items) {
        List<List<Item>> segments = new ArrayList<>();
        List<Item> current = new ArrayList<>();
        for (Item item : items) {
            current.add(item);
            if (item instanceof Watermark) {
                segments.add(current);
                current = new ArrayList<>();
            }
        }
        if (!current.isEmpty()) {
            segments.add(current);
        }
        return segments;
    }

    /**
     * Runs the script three ways and returns what the plain run produced, after checking that the
     * other two produced the same: without checkpoints; with a snapshot after every input restored
     * into a fresh instance (heap state); and the same with RocksDB state.
     */
    public Run<T> run() {
        Run<T> plain = runOnce(null);
        for (String backend : List.of("hashmap", "rocksdb")) {
            Run<T> restored = runOnce(StateBackends.of(backend));
            if (restoredRunsCompareResults) {
                assertThat(resultOf(restored.rows())).as("result when restored after every input (%s state)", backend)
                        .isEqualTo(resultOf(plain.rows()));
                continue;
            }
            List<List<Item>> plainSegments = segments(plain.output());
            List<List<Item>> restoredSegments = segments(restored.output());
            assertThat(restoredSegments).as("output when restored after every input (%s state)", backend)
                    .hasSameSizeAs(plainSegments);
            for (int i = 0; i < plainSegments.size(); i++) {
                assertThat(restoredSegments.get(i)).as("segment %s when restored after every input (%s state)", i, backend)
                        .containsExactlyInAnyOrderElementsOf(plainSegments.get(i));
            }
            assertThat(restored.metrics().lateRowsDropped().sum()).as("late rows when restored (%s)", backend)
                    .isEqualTo(plain.metrics().lateRowsDropped().sum());
        }
        return plain;
    }

    /** One run; with a backend, the operator is snapshotted and restored into a fresh instance after every input. */
    private Run<T> runOnce(StateBackend restoreBackend) {
        StateHolder state = new StateHolder(restoreBackend == null ? StateBackends.of("hashmap") : restoreBackend);
        T operator = operatorSupplier.get();
        JobMetrics metrics = new JobMetrics();
        CollectingOutput output = new CollectingOutput();
        List<Object[]> inputRows = new ArrayList<>();
        List<Object[]> inputCopies = new ArrayList<>();
        Throwable failure = null;
        try {
            operator.open(state.context(metrics, List.of()), output);
            for (int position = 0; position < script.size(); position++) {
                Input step = script.get(position);
                if (step.item() instanceof Row row) {
                    Object[] fields = row.fields().toArray();
                    inputRows.add(fields);
                    inputCopies.add(fields.clone());
                    operator.processElement(step.input(), row.kind(), fields);
                } else {
                    operator.processWatermark(((Watermark) step.item()).timestamp());
                }
                if (restoreBackend != null) {
                    operator = snapshotAndRestore(operator, state, metrics, output);
                }
            }
            operator.finish();
            beforeClose.accept(operator);
        } catch (Throwable t) {
            failure = t;
        } finally {
            try {
                operator.close();
                state.close();
            } catch (Throwable t) {
                if (failure == null) {
                    failure = t;
                } else {
                    failure.addSuppressed(t);
                }
            }
        }
        if (failure != null) {
            throw new AssertionError(operator + " failed on input " + script, failure);
        }
        for (int i = 0; i < inputRows.size(); i++) {
            assertThat(inputRows.get(i)).as("input row %s after the run (operators must not modify their input)",
                    Arrays.toString(inputCopies.get(i))).containsExactly(inputCopies.get(i));
        }
        return new Run<>(operator, output.items(), metrics);
    }

    /**
     * What the runtime does at a checkpoint and a restore: the operator's own state and its keyed
     * store are snapshotted, both are closed, and a fresh instance continues from the snapshot (as
     * Jet's TestSupport does after every input).
     */
    private T snapshotAndRestore(T operator, StateHolder state, JobMetrics metrics, Output output) throws Exception {
        long checkpointId = ++state.checkpoints;
        byte[] operatorState = operator.snapshotState(checkpointId);
        StateSnapshot keyed = state.snapshot(checkpointId);
        operator.close();
        state.reopen(keyed);
        T fresh = operatorSupplier.get();
        fresh.open(state.context(metrics, operatorState == null ? List.of() : List.of(operatorState)), output);
        fresh.notifyCheckpointComplete(checkpointId);
        return fresh;
    }

    /** The keyed store of the operator under test, in a temporary directory, created on first use. */
    private final class StateHolder {
        private final StateBackend backend;
        private final Path directory;
        private KeyedStateStore store;
        private List<StateSnapshot> restoreFrom = List.of();
        private long checkpoints;

        StateHolder(StateBackend backend) {
            this.backend = backend;
            try {
                this.directory = Files.createTempDirectory("sluice-harness-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        OperatorContext context(JobMetrics metrics, List<byte[]> operatorState) {
            return new OperatorContext("test", subtaskIndex, parallelism, metrics, operatorState, this::store);
        }

        private KeyedStateStore store() {
            if (store == null) {
                store = backend.create("test", KeyGroupRange.of(subtaskIndex, parallelism),
                        directory.resolve("work-" + checkpoints), restoreFrom);
            }
            return store;
        }

        StateSnapshot snapshot(long checkpointId) {
            if (store == null) {
                return null;
            }
            Path target = directory.resolve("chk-" + checkpointId);
            try {
                Files.createDirectories(target);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return store.snapshot(checkpointId, target);
        }

        void reopen(StateSnapshot snapshot) {
            if (store != null) {
                store.close();
                store = null;
            }
            restoreFrom = snapshot == null ? List.of() : List.of(snapshot);
        }

        void close() throws IOException {
            if (store != null) {
                store.close();
                store = null;
            }
            io.sluice.executor.checkpoint.CheckpointStorage.deleteRecursively(directory);
        }
    }

    /** What a run produced: the output in emit order, the job counters, the last operator instance. */
    public record Run<T extends StreamOperator>(T operator, List<Item> output, JobMetrics metrics) {
        public Run<T> metrics(Consumer<JobMetrics> check) {
            check.accept(metrics);
            return this;
        }

        /** The emitted rows, without the watermarks. */
        public List<Row> rows() {
            return output.stream().filter(Row.class::isInstance).map(Row.class::cast).toList();
        }
    }

    /**
     * The table a changelog leaves behind: {@code +I}/{@code +U} rows added, {@code -U}/{@code -D}
     * rows removed; as sorted text, one entry per copy of a row. Throws on removing a row not there.
     */
    public static List<String> resultOf(List<Row> changelog) {
        java.util.Map<List<Object>, Integer> copies = new java.util.HashMap<>();
        for (Row row : changelog) {
            boolean adds = row.kind() == RowKind.INSERT || row.kind() == RowKind.UPDATE_AFTER;
            int count = copies.getOrDefault(row.fields(), 0) + (adds ? 1 : -1);
            if (count < 0) {
                throw new AssertionError("changelog removes " + row + ", which is not in the result: " + changelog);
            }
            copies.put(row.fields(), count);
        }
        List<String> result = new ArrayList<>();
        copies.forEach((fields, count) -> {
            for (int i = 0; i < count; i++) {
                result.add(fields.toString());
            }
        });
        Collections.sort(result);
        return result;
    }

    // ---- the script and output vocabulary

    /** An element of a script or of an output: a {@link Row} or a {@link Watermark}. */
    public sealed interface Item permits Row, Watermark, Input {
    }

    /** A row and its kind; fields compare with {@code equals}, so {@code 1L} and {@code 1} differ, as do 1.0 and 1.00. */
    public record Row(RowKind kind, List<Object> fields) implements Item {
        public Row {
            Objects.requireNonNull(kind, "kind is null");
            fields = Collections.unmodifiableList(new ArrayList<>(fields));
        }

        @Override
        public String toString() {
            return kind.shortString() + fields;
        }
    }

    public record Watermark(long timestamp) implements Item {
        @Override
        public String toString() {
            return "WM(" + (timestamp == Long.MAX_VALUE ? "MAX" : String.valueOf(timestamp)) + ")";
        }
    }

    /** A script row for another input than 0 of a multi-input operator. */
    public record Input(int input, Item item) implements Item {
        public Input {
            if (item instanceof Input) {
                throw new IllegalArgumentException("nested input");
            }
        }
    }

    public static Row insert(Object... fields) {
        return row(RowKind.INSERT, fields);
    }

    public static Row updateBefore(Object... fields) {
        return row(RowKind.UPDATE_BEFORE, fields);
    }

    public static Row updateAfter(Object... fields) {
        return row(RowKind.UPDATE_AFTER, fields);
    }

    public static Row delete(Object... fields) {
        return row(RowKind.DELETE, fields);
    }

    public static Row row(RowKind kind, Object... fields) {
        return new Row(kind, Arrays.asList(fields));
    }

    public static Watermark watermark(long timestamp) {
        return new Watermark(timestamp);
    }

    public static Input onInput(int input, Row row) {
        return new Input(input, row);
    }

    /** Records what the operator emits, keeping each row array to detect later modification. */
    private static final class CollectingOutput implements Output {
        private final List<Item> items = new ArrayList<>();
        private final List<Object[]> emittedArrays = new ArrayList<>();
        private long lastWatermark = Long.MIN_VALUE;

        @Override
        public void emit(RowKind kind, Object[] row) {
            Objects.requireNonNull(kind, "emitted kind is null");
            Objects.requireNonNull(row, "emitted row is null");
            items.add(new Row(kind, Arrays.asList(row.clone())));
            emittedArrays.add(row);
        }

        @Override
        public void emitWatermark(long watermark) {
            assertThat(watermark).as("emitted watermark after %s", lastWatermark)
                    .isGreaterThanOrEqualTo(lastWatermark);
            lastWatermark = watermark;
            items.add(new Watermark(watermark));
        }

        List<Item> items() {
            int rowIndex = 0;
            for (Item item : items) {
                if (item instanceof Row row) {
                    assertThat(emittedArrays.get(rowIndex++)).as("emitted row %s after the run "
                            + "(rows must not be modified once emitted)", row).containsExactly(row.fields().toArray());
                }
            }
            return List.copyOf(items);
        }
    }
}
