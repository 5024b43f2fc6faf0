package io.sluice.executor.join;

import static io.sluice.executor.testing.OperatorHarness.insert;
import static io.sluice.executor.testing.OperatorHarness.onInput;
import static io.sluice.executor.testing.OperatorHarness.verifyOperator;
import static io.sluice.executor.testing.OperatorHarness.watermark;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.executor.function.RowExpression;
import io.sluice.executor.testing.OperatorHarness;
import io.sluice.executor.testing.OperatorHarness.Input;
import io.sluice.executor.testing.OperatorHarness.Row;
import org.junit.jupiter.api.Test;

/**
 * Rows of both sides are {@code [key, window_start, window_end, value]}, joined on key and window;
 * output rows are the left row's fields, then the right row's.
 */
class WindowJoinOperatorTest {

    private static OperatorHarness<WindowJoinOperator> join(JoinType type, RowExpression residual) {
        return verifyOperator(() -> new WindowJoinOperator(type, new int[] {0, 1}, new int[] {0, 1}, 4, 4, 2, 2,
                residual));
    }

    private static Input right(Row row) {
        return onInput(1, row);
    }

    @Test
    void aWindowIsJoinedWhenTheWatermarkPassesItsEndAndItsRowsAreDropped() {
        join(JoinType.INNER, null)
                .input(insert("a", 0L, 10L, 1), right(insert("a", 10L, 20L, 3)), right(insert("a", 0L, 10L, 2)),
                        insert("b", 0L, 10L, 4), insert("a", 0L, 10L, 5), watermark(8), watermark(9),
                        insert("a", 0L, 10L, 6), watermark(15))
                .beforeClose(operator -> assertThat(operator.bufferedWindows()).isEqualTo(1))
                .expectOutput(watermark(8),
                        insert("a", 0L, 10L, 1, "a", 0L, 10L, 2), insert("a", 0L, 10L, 5, "a", 0L, 10L, 2),
                        watermark(9), watermark(15))
                .metrics(m -> assertThat(m.lateRowsDropped().sum()).isEqualTo(1));
    }

    @Test
    void windowsOfTheSameEndButAnotherStartDoNotMatch() {
        join(JoinType.INNER, null)
                .input(insert("a", 0L, 10L, 1), right(insert("a", 5L, 10L, 2)), watermark(Long.MAX_VALUE))
                .beforeClose(operator -> assertThat(operator.bufferedWindows()).isZero())
                .expectOutput(watermark(Long.MAX_VALUE));
    }

    @Test
    void fullOuterPadsRowsWithoutPartnerInTheirWindow() {
        RowExpression leftBelowRight = row -> (Integer) row[3] < (Integer) row[7];
        join(JoinType.FULL, leftBelowRight)
                .input(insert("a", 0L, 10L, 1), right(insert("a", 0L, 10L, 2)), insert("a", 0L, 10L, 5),
                        insert("b", 0L, 10L, 4), right(insert("c", 10L, 20L, 3)), watermark(9), watermark(19))
                .expectOutput(
                        insert("a", 0L, 10L, 1, "a", 0L, 10L, 2), insert("a", 0L, 10L, 5, null, null, null, null),
                        insert("b", 0L, 10L, 4, null, null, null, null), watermark(9),
                        insert(null, null, null, null, "c", 10L, 20L, 3), watermark(19));
    }

    @Test
    void leftAndRightOuterPadOnlyTheirOwnSide() {
        join(JoinType.LEFT, null)
                .input(insert("a", 0L, 10L, 1), right(insert("z", 0L, 10L, 2)), watermark(9))
                .expectOutput(insert("a", 0L, 10L, 1, null, null, null, null), watermark(9));
        join(JoinType.RIGHT, null)
                .input(insert("a", 0L, 10L, 1), right(insert("z", 0L, 10L, 2)), watermark(9))
                .expectOutput(insert(null, null, null, null, "z", 0L, 10L, 2), watermark(9));
    }
}
