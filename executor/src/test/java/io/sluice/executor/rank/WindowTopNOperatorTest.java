package io.sluice.executor.rank;

import static io.sluice.executor.testing.OperatorHarness.insert;
import static io.sluice.executor.testing.OperatorHarness.verifyOperator;
import static io.sluice.executor.testing.OperatorHarness.watermark;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Input rows are {@code [window_start, window_end, item, price]} partitioned by the window and
 * ranked by price descending; snapshots and restores between inputs, both backends.
 */
class WindowTopNOperatorTest {
    private static final int[] BY_WINDOW = {0, 1};

    @Test
    void eachWindowsTopRowsAreEmittedWhenTheWatermarkPassesItsEndAndItsStateIsDropped() {
        verifyOperator(() -> new WindowTopNOperator(1, BY_WINDOW, SortOrder.descending(3), RankRange.top(2), true))
                .input(insert(0L, 10L, "a", 5L), insert(10L, 20L, "b", 7L), insert(0L, 10L, "c", 9L),
                        // a tie with c: ranks after it
                        insert(0L, 10L, "d", 9L),
                        insert(0L, 10L, "e", 1L),
                        watermark(8), insert(0L, 10L, "f", 6L),
                        watermark(9),
                        // window [0, 10) has fired: late
                        insert(0L, 10L, "g", 100L),
                        watermark(Long.MAX_VALUE))
                .beforeClose(operator -> assertThat(operator.openWindowEnds()).isEmpty())
                .expectOutput(
                        watermark(8),
                        insert(0L, 10L, "c", 9L, 1L), insert(0L, 10L, "d", 9L, 2L), watermark(9),
                        insert(10L, 20L, "b", 7L, 1L), watermark(Long.MAX_VALUE))
                .metrics(m -> assertThat(m.lateRowsDropped().sum()).isEqualTo(1));
    }

    @Test
    void keysWithinAWindowAreRankedApartWithoutRankNumbers() {
        verifyOperator(() -> new WindowTopNOperator(1, new int[] {0, 1, 2}, SortOrder.ascending(3), RankRange.top(1), false))
                .input(insert(0L, 10L, "a", 5L), insert(0L, 10L, "a", 3L), insert(0L, 10L, "b", 4L),
                        insert(0L, 10L, "b", 8L), watermark(100))
                .expectOutput(insert(0L, 10L, "a", 3L), insert(0L, 10L, "b", 4L), watermark(100));
    }

    @Test
    void aWindowStillOpenIsKeptInState() {
        verifyOperator(() -> new WindowTopNOperator(1, BY_WINDOW, SortOrder.descending(3), RankRange.top(1), false))
                .input(insert(0L, 10L, "a", 5L), insert(10L, 20L, "b", 7L), watermark(12))
                .beforeClose(operator -> assertThat(operator.openWindowEnds()).containsExactly(20L))
                .expectOutput(insert(0L, 10L, "a", 5L), watermark(12));
    }
}
