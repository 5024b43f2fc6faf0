package io.sluice.executor.join;

import static io.sluice.executor.testing.OperatorHarness.insert;
import static io.sluice.executor.testing.OperatorHarness.onInput;
import static io.sluice.executor.testing.OperatorHarness.verifyOperator;
import static io.sluice.executor.testing.OperatorHarness.watermark;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.executor.data.RowKind;
import io.sluice.executor.function.RowExpression;
import io.sluice.executor.testing.OperatorHarness;
import io.sluice.executor.testing.OperatorHarness.Input;
import io.sluice.executor.testing.OperatorHarness.Row;
import org.junit.jupiter.api.Test;

/**
 * Rows of both sides are {@code [key, time]}, joined on the key where
 * {@code -10 <= right.time - left.time <= 5}; the condition is also the residual, as the planner
 * builds it. Output rows {@code [left key, left time, right key, right time]}.
 */
class IntervalJoinOperatorTest {
    private static final long LOWER = -10;
    private static final long UPPER = 5;
    private static final RowExpression WITHIN_BOUNDS = row -> {
        long difference = (Long) row[3] - (Long) row[1];
        return difference >= LOWER && difference <= UPPER;
    };

    private static OperatorHarness<IntervalJoinOperator> join(JoinType type) {
        return verifyOperator(() -> new IntervalJoinOperator(type, new int[] {0}, new int[] {0}, 2, 2, 1, 1, LOWER,
                UPPER, WITHIN_BOUNDS));
    }

    private static Input right(Row row) {
        return onInput(1, row);
    }

    @Test
    void rowsMatchTheOtherSidesRowsWithinTheBoundsInAnyArrivalOrder() {
        join(JoinType.INNER)
                .input(insert("a", 100L), right(insert("a", 95L)), right(insert("a", 106L)), right(insert("a", 89L)),
                        insert("a", 101L), insert("b", 100L), watermark(50))
                .expectOutput(insert("a", 100L, "a", 95L), insert("a", 101L, "a", 95L), insert("a", 101L, "a", 106L),
                        // held back by max(upper, -lower): joined rows may be up to 10 behind the watermark
                        watermark(40));
    }

    @Test
    void theWatermarkDropsRowsNothingCanMatchAndLaterRowsForThemAreLate() {
        join(JoinType.INNER)
                .input(insert("a", 100L), insert("a", 101L), right(insert("a", 95L)), right(insert("a", 89L)),
                        watermark(104),
                        // left 98 could only have matched right rows up to 103: all of them came before 104
                        insert("a", 98L), right(insert("a", 93L)),
                        right(insert("a", 100L)),
                        watermark(120))
                .expectOutput(insert("a", 100L, "a", 95L), insert("a", 101L, "a", 95L),
                        watermark(94),
                        insert("a", 100L, "a", 100L), insert("a", 101L, "a", 100L),
                        watermark(110))
                .metrics(m -> assertThat(m.lateRowsDropped().sum()).isEqualTo(2));
    }

    @Test
    void stateIsEmptyOnceTheWatermarkPassedEveryRow() {
        join(JoinType.INNER)
                .input(insert("a", 100L), right(insert("a", 95L)), insert("b", 7L), right(insert("c", 300L)),
                        watermark(200))
                .beforeClose(operator -> {
                    assertThat(operator.bufferedTimes(0)).isZero();
                    // right 300 can still match left rows up to 310
                    assertThat(operator.bufferedTimes(1)).isEqualTo(1);
                })
                .expectOutput(insert("a", 100L, "a", 95L), watermark(190));
    }

    @Test
    void leftOuterRowsWithoutMatchArePaddedWhenTheWatermarkPassesTheirInterval() {
        join(JoinType.LEFT)
                .input(insert("a", 100L), insert("b", 100L), right(insert("a", 103L)), right(insert("c", 50L)),
                        watermark(104), watermark(105))
                .expectOutput(insert("a", 100L, "a", 103L), watermark(94),
                        insert("b", 100L, null, null), watermark(95));
    }

    @Test
    void fullOuterPadsUnmatchedRowsOfBothSidesOnce() {
        join(JoinType.FULL)
                .input(insert("a", 100L), insert("b", 100L), right(insert("a", 103L)), right(insert("c", 50L)),
                        right(insert("a", 103L)), watermark(105), watermark(Long.MAX_VALUE))
                .expectOutput(insert("a", 100L, "a", 103L), insert("a", 100L, "a", 103L),
                        insert("b", 100L, null, null), insert(null, null, "c", 50L), watermark(95),
                        watermark(Long.MAX_VALUE));
    }

    @Test
    void rightOuterRowsAndRowsWithoutTimeOrKey() {
        join(JoinType.RIGHT)
                .input(right(insert("a", 10L)), right(insert(null, 10L)), right(insert("a", null)), insert(null, 3L),
                        watermark(30))
                .expectOutput(insert(null, null, null, 10L), insert(null, null, "a", null),
                        insert(null, null, "a", 10L), watermark(20));
    }

    @Test
    void updatesAreRefused() {
        assertThatThrownBy(() -> join(JoinType.INNER).input(OperatorHarness.row(RowKind.DELETE, "a", 1L)).run())
                .hasStackTraceContaining("an interval join received a DELETE row");
    }

    @Test
    void longIntervalsCleanUpInCoarserStepsAndHoldTheWatermarkBackByAsMuchMore() {
        // 0 <= right - left <= 10 s: cleanup times are rounded up to whole seconds
        RowExpression withinTenSeconds = row -> (Long) row[3] - (Long) row[1] >= 0 && (Long) row[3] - (Long) row[1] <= 10_000;
        verifyOperator(() -> new IntervalJoinOperator(JoinType.LEFT, new int[] {0}, new int[] {0}, 2, 2, 1, 1, 0, 10_000,
                withinTenSeconds))
                .input(insert("a", 1_500L), right(insert("a", 11_000L)), insert("b", 1_200L),
                        watermark(11_500), // left b's exact cleanup time 11,200 has passed, its rounded one 12,000 not
                        watermark(12_000))
                .beforeClose(operator -> assertThat(operator.bufferedTimes(0)).isZero())
                .expectOutput(insert("a", 1_500L, "a", 11_000L),
                        watermark(11_500 - 10_000 - 999),
                        insert("b", 1_200L, null, null),
                        // b at 1,200 is not behind the watermark the join has passed on
                        watermark(12_000 - 10_000 - 999));
    }
}
