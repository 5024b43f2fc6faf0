package io.sluice.executor.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.executor.data.RowKind;
import io.sluice.executor.operators.OperatorContext;
import io.sluice.executor.operators.Output;
import io.sluice.executor.operators.StreamOperator;
import io.sluice.executor.runtime.JobMetrics;
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

    public Run<T> expectOutput(List<? extends Item> expected) {
        Run<T> run = run();
        assertThat(run.output()).as("output of %s for input %s", run.operator(), script)
                .containsExactlyElementsOf(expected);
        return run;
    }

    /** Runs the script and returns what happened, for tests that check the output their own way. */
    public Run<T> run() {
        T operator = operatorSupplier.get();
        JobMetrics metrics = new JobMetrics();
        CollectingOutput output = new CollectingOutput();
        List<Object[]> inputRows = new ArrayList<>();
        List<Object[]> inputCopies = new ArrayList<>();
        Throwable failure = null;
        try {
            operator.open(new OperatorContext("test", subtaskIndex, parallelism, metrics), output);
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
                operator = betweenInputs(operator, position);
            }
            operator.finish();
        } catch (Throwable t) {
            failure = t;
        } finally {
            try {
                operator.close();
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
     * The checkpointing hook. Operators have no snapshot methods yet; when {@link StreamOperator}
     * gains {@code snapshotState}/{@code restoreState}, this is where the harness will snapshot the
     * operator after an input, create a fresh instance with the supplier, restore the snapshot into it
     * and continue with the new instance (Jet's TestSupport restores after every input and after none,
     * and both runs must give the same output). Until then the same instance goes on.
     */
    private T betweenInputs(T operator, int position) {
        return operator;
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
