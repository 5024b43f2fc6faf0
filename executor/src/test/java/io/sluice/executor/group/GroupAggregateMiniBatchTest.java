package io.sluice.executor.group;

import static io.sluice.executor.testing.OperatorHarness.delete;
import static io.sluice.executor.testing.OperatorHarness.insert;
import static io.sluice.executor.testing.OperatorHarness.resultOf;
import static io.sluice.executor.testing.OperatorHarness.updateAfter;
import static io.sluice.executor.testing.OperatorHarness.updateBefore;
import static io.sluice.executor.testing.OperatorHarness.verifyOperator;
import static io.sluice.executor.testing.OperatorHarness.watermark;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.executor.aggregate.AggregateKind;
import io.sluice.executor.aggregate.AggregateSpec;
import io.sluice.executor.testing.OperatorHarness;
import io.sluice.executor.testing.OperatorHarness.Row;
import io.sluice.executor.types.LogicalType;
import io.sluice.executor.types.TypeRoot;
import io.sluice.executor.data.RowKind;
import io.sluice.executor.operators.OperatorContext;
import io.sluice.executor.operators.Output;
import io.sluice.executor.runtime.JobMetrics;
import io.sluice.executor.state.KeyGroupRange;
import io.sluice.executor.state.KeyedStateStore;
import io.sluice.executor.state.StateBackends;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The group aggregate with mini-batch. Input rows are {@code [key, value]}; output rows
 * {@code [key, COUNT(*), SUM(value)]} unless a test says otherwise. The harness checkpoints after
 * every input, which flushes the batch, so restored runs are compared by their result table only.
 */
class GroupAggregateMiniBatchTest {
    private static final LogicalType INTEGER = LogicalType.of(TypeRoot.INTEGER);
    private static final LogicalType BIGINT = LogicalType.of(TypeRoot.BIGINT);
    private static final int[] BY_KEY = {0};
    private static final Duration HOUR = Duration.ofHours(1);

    private final AtomicLong clock = new AtomicLong();

    private static AggregateSpec countStar() {
        return new AggregateSpec(AggregateKind.COUNT_STAR, -1, -1, false, null, BIGINT.withNullable(false));
    }

    private static AggregateSpec of(AggregateKind kind) {
        return new AggregateSpec(kind, 1, -1, false, INTEGER, INTEGER);
    }

    private GroupAggregateOperator operator(MiniBatch miniBatch, AggregateSpec... aggregates) {
        return new GroupAggregateOperator(BY_KEY, List.of(aggregates), true,
                GroupAggregateOperator.Options.DEFAULT.withMiniBatch(miniBatch));
    }

    private OperatorHarness<GroupAggregateOperator> miniBatch(long size, Duration latency, AggregateSpec... aggregates) {
        MiniBatch batching = MiniBatch.of(size, latency).withClock(clock::get);
        return verifyOperator(() -> operator(batching, aggregates)).restoredRunsCompareResults();
    }

    @Test
    void aBatchEmitsOneChangePerKey() {
        miniBatch(100, HOUR, countStar(), of(AggregateKind.SUM))
                .input(insert("a", 1), insert("a", 2), insert("b", 5), insert("a", 3))
                .expectOutput(insert("a", 3L, 6), insert("b", 1L, 5));
    }

    @Test
    void aFullBatchIsAppliedAndTheNextOneUpdatesFromItsResult() {
        miniBatch(2, HOUR, countStar(), of(AggregateKind.SUM))
                .input(insert("a", 1), insert("a", 2), insert("a", 3), insert("b", 5))
                .expectOutput(insert("a", 2L, 3),
                        updateBefore("a", 2L, 3), updateAfter("a", 3L, 6), insert("b", 1L, 5));
    }

    @Test
    void aWatermarkAppliesTheBatchBeforeItIsForwarded() {
        miniBatch(100, HOUR, countStar(), of(AggregateKind.SUM))
                .input(insert("a", 1), insert("a", 4), watermark(1), delete("a", 1), updateBefore("a", 4),
                        updateAfter("a", 10), watermark(2))
                .expectOutput(insert("a", 2L, 5), watermark(1),
                        updateBefore("a", 2L, 5), updateAfter("a", 1L, 10), watermark(2));
    }

    @Test
    void aKeyThatGoesToZeroRowsWithinABatch() {
        miniBatch(100, HOUR, countStar(), of(AggregateKind.SUM))
                .input(insert("a", 1), insert("c", 7), watermark(1),
                        // a: emptied and filled again; b: born and gone; c: gone
                        delete("a", 1), insert("a", 2), insert("b", 3), delete("b", 3), delete("c", 7),
                        watermark(2))
                .expectOutput(insert("a", 1L, 1), insert("c", 1L, 7), watermark(1),
                        updateBefore("a", 1L, 1), updateAfter("a", 1L, 2), delete("c", 1L, 7), watermark(2));
    }

    @Test
    void aBatchThatLeavesTheResultUnchangedEmitsNothing() {
        miniBatch(100, HOUR, of(AggregateKind.MAX))
                .input(insert("a", 5), watermark(1), insert("a", 3), insert("a", 4), delete("a", 3), watermark(2))
                .expectOutput(insert("a", 5), watermark(1), watermark(2));
    }

    @Test
    void maxFallsBackWhenItsBestValueIsRetractedWithinABatch() {
        miniBatch(100, HOUR, of(AggregateKind.MIN), of(AggregateKind.MAX))
                .input(insert("a", 3), insert("a", 1), insert("a", 5), watermark(1), delete("a", 5), delete("a", 1),
                        watermark(2))
                .expectOutput(insert("a", 1, 5), watermark(1), updateBefore("a", 1, 5), updateAfter("a", 3, 3),
                        watermark(2));
    }

    /** The harness cannot move the clock between inputs, so this test drives the operator itself. */
    @Test
    void theBatchIsAppliedOnceItsFirstRowHasWaitedTheAllowedLatency(@TempDir Path directory) throws Exception {
        AtomicLong time = new AtomicLong();
        GroupAggregateOperator operator = operator(MiniBatch.of(1_000, Duration.ofMillis(10)).withClock(time::get),
                countStar(), of(AggregateKind.SUM));
        List<String> emitted = new ArrayList<>();
        Output output = new Output() {
            @Override
            public void emit(RowKind kind, Object[] row) {
                emitted.add(kind.shortString() + Arrays.toString(row));
            }

            @Override
            public void emitWatermark(long watermark) {
                emitted.add("WM" + watermark);
            }
        };
        try (KeyedStateStore store = StateBackends.of("hashmap").create("test", KeyGroupRange.of(0, 1), directory,
                List.of())) {
            operator.open(new OperatorContext("test", 0, 1, new JobMetrics(), List.of(), () -> store), output);
            operator.processElement(0, RowKind.INSERT, new Object[] {"a", 1});
            time.set(9);
            operator.processElement(0, RowKind.INSERT, new Object[] {"a", 2});
            assertThat(emitted).isEmpty();
            time.set(10);
            operator.processElement(0, RowKind.INSERT, new Object[] {"b", 4});
            assertThat(emitted).containsExactly("+I[a, 2, 3]", "+I[b, 1, 4]");
            time.set(30);
            operator.processElement(0, RowKind.INSERT, new Object[] {"b", 4});
            assertThat(emitted).hasSize(2);
            // the latency has passed, but nothing arrives: the next watermark applies the batch
            time.set(45);
            operator.processWatermark(7);
            assertThat(emitted).containsExactly("+I[a, 2, 3]", "+I[b, 1, 4]", "-U[b, 1, 4]", "+U[b, 2, 8]", "WM7");
            operator.close();
        }
    }

    @Test
    void overAMixedUpdatingInputTheResultIsTheSameAsWithoutMiniBatchAndTheChangelogShorter() {
        List<Row> input = randomUpdatingInput(new Random(42), 150, 8);
        AggregateSpec[] aggregates = {countStar(), of(AggregateKind.SUM), of(AggregateKind.MIN), of(AggregateKind.MAX)};
        List<Row> plain = verifyOperator(() -> operator(MiniBatch.DISABLED, aggregates)).input(input).run().rows();
        List<Row> batched = miniBatch(40, HOUR, aggregates).input(input).run().rows();
        assertThat(resultOf(batched)).isEqualTo(resultOf(plain)).isNotEmpty();
        assertThat(batched.size()).isLessThan(plain.size() / 3);
    }

    /** Inserts and retractions of rows inserted before, as an updating input would send them. */
    private static List<Row> randomUpdatingInput(Random random, int rows, int keys) {
        List<Row> input = new ArrayList<>();
        List<Row> live = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            if (!live.isEmpty() && random.nextInt(3) == 0) {
                Row gone = live.remove(random.nextInt(live.size()));
                input.add(random.nextBoolean() ? delete(gone.fields().toArray())
                        : updateBefore(gone.fields().toArray()));
            } else {
                Row row = random.nextBoolean() ? insert("k" + random.nextInt(keys), random.nextInt(100))
                        : updateAfter("k" + random.nextInt(keys), random.nextInt(100));
                live.add(row);
                input.add(row);
            }
        }
        return input;
    }

    @Test
    void aMiniBatchNeedsASizeAndALatency() {
        assertThatThrownBy(() -> MiniBatch.of(0, HOUR)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MiniBatch.of(10, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
