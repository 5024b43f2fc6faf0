package io.sluice.executor.over;

import static io.sluice.executor.testing.OperatorHarness.insert;
import static io.sluice.executor.testing.OperatorHarness.verifyOperator;
import static io.sluice.executor.testing.OperatorHarness.watermark;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.executor.aggregate.AggregateKind;
import io.sluice.executor.aggregate.AggregateSpec;
import io.sluice.executor.testing.OperatorHarness;
import io.sluice.executor.types.LogicalType;
import io.sluice.executor.types.TypeRoot;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Input rows are {@code [key, time, value]}; output rows add COUNT(*), SUM(value), MIN(value),
 * MAX(value) over the frame. Snapshots and restores between inputs, both backends.
 */
class OverAggregateOperatorTest {
    private static final LogicalType BIGINT = LogicalType.of(TypeRoot.BIGINT);
    private static final List<AggregateSpec> AGGREGATES = List.of(
            new AggregateSpec(AggregateKind.COUNT_STAR, -1, -1, false, null, BIGINT.withNullable(false)),
            new AggregateSpec(AggregateKind.SUM, 2, -1, false, BIGINT, BIGINT),
            new AggregateSpec(AggregateKind.MIN, 2, -1, false, BIGINT, BIGINT),
            new AggregateSpec(AggregateKind.MAX, 2, -1, false, BIGINT, BIGINT));

    private static OperatorHarness<OverAggregateOperator> over(OverFrame frame) {
        return verifyOperator(() -> new OverAggregateOperator(new int[] {0}, 1, AGGREGATES, frame));
    }

    @Test
    void rowsFramesAreComputedInTimeOrderOnceTheWatermarkPasses() {
        over(OverFrame.rows(1))
                // out of order: 3 arrives after 5
                .input(insert("a", 5L, 50L), insert("a", 3L, 30L), insert("b", 4L, 7L), insert("a", 1L, 10L),
                        watermark(4), insert("a", 9L, 90L), watermark(10))
                .expectOutput(
                        insert("a", 1L, 10L, 1L, 10L, 10L, 10L),
                        insert("a", 3L, 30L, 2L, 40L, 10L, 30L),
                        insert("b", 4L, 7L, 1L, 7L, 7L, 7L),
                        watermark(4),
                        insert("a", 5L, 50L, 2L, 80L, 30L, 50L),
                        insert("a", 9L, 90L, 2L, 140L, 50L, 90L),
                        watermark(10));
    }

    @Test
    void rowsOfTheSameTimeAreSeparateRowsInARowsFrame() {
        over(OverFrame.unboundedRows())
                .input(insert("a", 2L, 1L), insert("a", 2L, 2L), insert("a", 3L, 4L), watermark(3))
                .expectOutput(
                        insert("a", 2L, 1L, 1L, 1L, 1L, 1L),
                        insert("a", 2L, 2L, 2L, 3L, 1L, 2L),
                        insert("a", 3L, 4L, 3L, 7L, 1L, 4L),
                        watermark(3));
    }

    @Test
    void aRangeFrameHoldsThePeersAndTheRowsWithinTheInterval() {
        over(OverFrame.range(10))
                .input(insert("a", 0L, 1L), insert("a", 10L, 2L), insert("a", 10L, 4L), insert("a", 11L, 8L),
                        insert("a", 25L, 16L), watermark(100))
                .expectOutput(
                        insert("a", 0L, 1L, 1L, 1L, 1L, 1L),
                        // [0, 10]: both rows of time 10 are in each other's frame
                        insert("a", 10L, 2L, 3L, 7L, 1L, 4L),
                        insert("a", 10L, 4L, 3L, 7L, 1L, 4L),
                        // [1, 11]: the row of time 0 left
                        insert("a", 11L, 8L, 3L, 14L, 2L, 8L),
                        // [15, 25]
                        insert("a", 25L, 16L, 1L, 16L, 16L, 16L),
                        watermark(100));
    }

    @Test
    void unboundedRangeAccumulatesEverythingBeforeAndNullValuesAreSkipped() {
        over(OverFrame.unboundedRange())
                .input(insert("a", 1L, 5L), insert("a", 2L, null), insert("a", 2L, 3L), watermark(2))
                .expectOutput(
                        insert("a", 1L, 5L, 1L, 5L, 5L, 5L),
                        insert("a", 2L, null, 3L, 8L, 3L, 5L),
                        insert("a", 2L, 3L, 3L, 8L, 3L, 5L),
                        watermark(2));
    }

    @Test
    void lateRowsAreDroppedAndCounted() {
        over(OverFrame.rows(5))
                .input(insert("a", 5L, 1L), watermark(5), insert("a", 5L, 2L), insert("a", 4L, 3L),
                        insert("a", null, 4L), insert("a", 6L, 5L), watermark(Long.MAX_VALUE))
                .expectOutput(
                        insert("a", 5L, 1L, 1L, 1L, 1L, 1L), watermark(5),
                        insert("a", 6L, 5L, 2L, 6L, 1L, 5L), watermark(Long.MAX_VALUE))
                .metrics(m -> assertThat(m.lateRowsDropped().sum()).isEqualTo(3));
    }
}
